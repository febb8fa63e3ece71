"""Local development and the demo: DEBUG on, a secret key kept under var/."""

import secrets

from chenbao.settings.base import *  # noqa: F403
from chenbao.settings.base import VAR_DIR, env_bool

DEBUG = env_bool("CHENBAO_DEBUG", True)


def _local_secret_key() -> str:
    """Return this checkout's own secret key, creating it on first use."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = SECRET_KEY or _local_secret_key()  # noqa: F405


# --- tips ---
def _local_tip_key() -> str:
    """Return this checkout's own tip-line key (Fernet), creating it on first use."""
    import base64
    import os

    path = VAR_DIR / "tip_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(base64.urlsafe_b64encode(os.urandom(32)).decode())
        path.chmod(0o600)
    return path.read_text().strip()


CHENBAO_TIP_KEY = CHENBAO_TIP_KEY or _local_tip_key()  # noqa: F405
# The demo publishes scheduled stories from inside `runserver` (docs/scheduler.md).
CHENBAO["SCHEDULER_IN_PROCESS"] = env_bool("CHENBAO_SCHEDULER_IN_PROCESS", DEBUG)  # noqa: F405

# --- sign-in ---
# The demo's users sign in with a password alone; CHENBAO_SECOND_FACTOR=1 to try the app.
CHENBAO["SECOND_FACTOR"] = env_bool("CHENBAO_SECOND_FACTOR", False)  # noqa: F405
