"""Production: everything secret or site-specific must come from the environment."""

from django.core.exceptions import ImproperlyConfigured

from chenbao.settings.base import *  # noqa: F403
from chenbao.settings.base import SECRET_KEY, VAR_DIR, cache_from_env, env_bool, env_str

if not SECRET_KEY:
    raise ImproperlyConfigured("CHENBAO_SECRET_KEY must be set in production.")
# Django's own measure of a usable key (security.W009): long, varied, not a placeholder.
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-"):
    raise ImproperlyConfigured(
        "CHENBAO_SECRET_KEY is too weak: use at least 50 random characters, e.g. "
        'python3 -c "import secrets; print(secrets.token_urlsafe(50))"'
    )

# var/ holds the database and the tip-line's files (made 0600/0700 by core/startup.py and
# tips/storage.py) beside static/, media/ and the published e-paper, which nginx's user
# must read: var/ itself keeps the umask's mode.
VAR_DIR.mkdir(parents=True, exist_ok=True)

# Several gunicorn workers: the tip-line's rate limits must count across them, so the
# cache is shared by default (files under var/cache); CHENBAO_CACHE_URL=redis://… for Redis.
CACHES = {"default": cache_from_env(env_str("CHENBAO_CACHE_URL", ""), VAR_DIR / "cache")}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("CHENBAO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# HTTPS only: plain HTTP is redirected and browsers are told to keep to HTTPS (HSTS). Behind
# a TLS proxy that already redirects, CHENBAO_SSL_REDIRECT=0 (the proxy must send
# X-Forwarded-Proto); CHENBAO_HSTS_SECONDS=0 turns HSTS off while a site tries HTTPS out.
SECURE_SSL_REDIRECT = env_bool("CHENBAO_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env_str("CHENBAO_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("CHENBAO_HSTS_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = False
# Both are one-way commitments for the paper's whole domain (its other sites may not be on
# HTTPS yet): the operator opts in with CHENBAO_HSTS_SUBDOMAINS=1; `check --deploy` does
# not nag about a choice made on purpose (docs/operations.md).
SILENCED_SYSTEM_CHECKS = [*globals().get("SILENCED_SYSTEM_CHECKS", []), "security.W021"]
if not SECURE_HSTS_INCLUDE_SUBDOMAINS:
    SILENCED_SYSTEM_CHECKS.append("security.W005")
# The demo's users (admin / chenbao-demo) must never exist on a real site.
CHENBAO_DEMO_ALLOWED = False

# --- tips ---
if not CHENBAO_TIP_KEY:  # noqa: F405
    raise ImproperlyConfigured("CHENBAO_TIP_KEY must be set in production (a Fernet key).")
# A malformed key is refused here, before any request (the check names the key's position,
# never the key): every process, gunicorn or a command, stops with the reason.
from chenbao.tips.crypto import parse_keys  # noqa: E402

parse_keys(CHENBAO_TIP_KEY)  # noqa: F405

# --- deploy ---
# collectstatic writes names with the content's hash, which nginx serves for a year.
STORAGES = {
    **globals().get(
        "STORAGES", {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    ),
    "staticfiles": {"BACKEND": "chenbao.site.staticfiles.HashedStaticFilesStorage"},
}
