"""What a server process checks and sets before it takes its first request.

- `refuse_unsafe_start()` (called by chenbao/wsgi.py): run Django's system checks, the
  deployment checks too when DEBUG is off, and refuse to start on any error, so that a
  malformed CHENBAO_TIP_KEY stops gunicorn with the reason instead of answering 500 to
  every tip.
- `private_files()` (connected in CoreConfig.ready): the SQLite database and its journal
  are readable by the service's user only (0600), whatever the umask; the tip-line's
  files and folders are made 0600/0700 by their storage (tips/storage.py).
"""

import os
import stat
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def refuse_unsafe_start() -> None:
    """Raise ImproperlyConfigured listing every system check error, if there is one."""
    from django.conf import settings
    from django.core import checks

    found = checks.run_checks(include_deployment_checks=not settings.DEBUG)
    errors = [e for e in found if e.level >= checks.ERROR and not e.is_silenced()]
    if errors:
        raise ImproperlyConfigured(
            "chenbao refuses to start:\n" + "\n".join(f"  {e.id}: {e.msg}" for e in errors)
        )


def private_files(sender, connection, **kwargs) -> None:
    """Make a SQLite database, its WAL and shared-memory files and its folder private."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict["NAME"])
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    path = Path(name)
    _chmod(path.parent, PRIVATE_DIR, only_if_wider=True)
    for file in (path, Path(f"{name}-wal"), Path(f"{name}-shm")):
        _chmod(file, PRIVATE_FILE)


def _chmod(path: Path, mode: int, *, only_if_wider: bool = False) -> None:
    try:
        current = stat.S_IMODE(path.stat().st_mode)
        if current & ~mode and (not only_if_wider or current & 0o077):
            os.chmod(path, mode)
    except OSError:  # gone, or not ours: the database keeps working
        pass
