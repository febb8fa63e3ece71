"""Fast settings for the test suite; PostgreSQL when DATABASE_URL is set."""

import tempfile
from pathlib import Path

from chenbao.settings.base import *  # noqa: F403
from chenbao.settings.base import database_from_env

SECRET_KEY = "test-only-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES = {"default": database_from_env(Path(tempfile.gettempdir()) / "chenbao-test.sqlite3")}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="chenbao-test-media-"))
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- tips ---
CHENBAO_TIP_KEY = "dGVzdC1vbmx5LXRpcC1rZXktMzItYnl0ZXMtbG9uZyE="  # test only
CHENBAO = {**CHENBAO, "TIP_ARGON2": (1, 1024)}  # noqa: F405  (cheap hashes keep tests fast)
CHENBAO["TIP_FILES_ROOT"] = str(MEDIA_ROOT / "private-tips")

# --- sign-in ---
# Tests sign users in with force_login; tests/core/test_twofactor.py turns the second factor on.
CHENBAO["SECOND_FACTOR"] = False
