"""Production: everything secret or site-specific must come from the environment."""

from django.core.exceptions import ImproperlyConfigured

from chenbao.settings.base import *  # noqa: F403
from chenbao.settings.base import SECRET_KEY, VAR_DIR, cache_from_env, env_bool, env_str

if not SECRET_KEY:
    raise ImproperlyConfigured("CHENBAO_SECRET_KEY must be set in production.")

# Several gunicorn workers: the tip-line's rate limits must count across them, so the
# cache is shared by default (files under var/cache); CHENBAO_CACHE_URL=redis://… for Redis.
CACHES = {"default": cache_from_env(env_str("CHENBAO_CACHE_URL", ""), VAR_DIR / "cache")}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("CHENBAO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- tips ---
if not CHENBAO_TIP_KEY:  # noqa: F405
    raise ImproperlyConfigured("CHENBAO_TIP_KEY must be set in production (a Fernet key).")

# --- deploy ---
# collectstatic writes names with the content's hash, which nginx serves for a year.
STORAGES = {
    **globals().get(
        "STORAGES", {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    ),
    "staticfiles": {"BACKEND": "chenbao.site.staticfiles.HashedStaticFilesStorage"},
}
