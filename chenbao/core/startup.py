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
    """Make a SQLite database and its WAL and shared-memory files private. Not its folder:
    that is var/, where nginx reads static/, media/ and the e-paper."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict["NAME"])
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    for file in (Path(name), Path(f"{name}-wal"), Path(f"{name}-shm")):
        _chmod(file, PRIVATE_FILE)


def _chmod(path: Path, mode: int) -> None:
    try:
        if stat.S_IMODE(path.stat().st_mode) & ~mode:
            os.chmod(path, mode)
    except OSError:  # gone, or not ours: the database keeps working
        pass
