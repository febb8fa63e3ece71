"""Settings shared by every environment; secrets and the database come from the environment."""

import datetime as dt
from pathlib import Path

import dj_database_url

from chenbao.settings.env import env_bool, env_list, env_str
from chenbao.settings.newsroom import ChenbaoSettings

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("CHENBAO_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = False
SECRET_KEY = env_str("CHENBAO_SECRET_KEY", "")
# `chenbao demo` creates users with published passwords: production settings say False.
CHENBAO_DEMO_ALLOWED = True
ALLOWED_HOSTS = env_list("CHENBAO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CHENBAO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "chenbao.core",
    "chenbao.stories",
    "chenbao.editions",
    "chenbao.weather",
    "chenbao.ads",
    "chenbao.archive",
    "chenbao.figures",
    "chenbao.tips",
    "chenbao.rewards",
    "chenbao.site",
    # Sign-in: throttled (django-axes), a second factor for the sensitive roles (django-otp).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's admin words times with humanize's naturaltime ("3 分钟以前"): the app is
    # installed for its translations, which Django loads only for installed apps.
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # DEBUG only (make demo): readers' 404s are the paper's page, not Django's debug page.
    "chenbao.site.middleware.ReaderNotFoundMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "chenbao.core.twofactor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Readers' answers say how long nginx or a CDN may keep them (chenbao/site/frontcache.py).
    "chenbao.site.middleware.PublicCacheMiddleware",
    # Last: turns a locked-out sign-in into its answer (chenbao.core.twofactor).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "chenbao.urls"
WSGI_APPLICATION = "chenbao.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "chenbao.site.context_processors.paper",
            ],
        },
    },
]


def database_from_env(default_sqlite: Path) -> dj_database_url.DBConfig:
    """Return the default database: PostgreSQL from DATABASE_URL, else SQLite in WAL mode."""
    url = env_str("DATABASE_URL", "")
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(default_sqlite),
        "OPTIONS": {
            # WAL lets readers work while the desk writes; IMMEDIATE avoids
            # "database is locked" upgrades from read to write transactions. The database
            # is read through a memory map (pages shared by every process through the OS's
            # cache, no read() a page) and each connection caches 16 MB: with 50,000 tips
            # held a submission's queries took a fifth less (decision 0018).
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA mmap_size=268435456; PRAGMA cache_size=-16384;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
        # Keep the connection between requests: opening one runs the PRAGMAs above and
        # registers Django's SQL functions, ~1 ms a request (measured by bench/bench_tips.py).
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
    }


DATABASES = {"default": database_from_env(VAR_DIR / "chenbao.sqlite3")}


def cache_from_env(url: str, default_dir: Path | None = None) -> dict:
    """Return the default cache from CHENBAO_CACHE_URL.

    The tip-line's rate limits count in this cache, so every process serving the site must
    share it: `redis://host:6379/0` (Django's Redis cache; `pip install -e ".[redis]"`),
    `file:///path` (a directory every process on one machine can write), `locmem://` (one
    process: development and tests). Empty: a file cache in `default_dir` when given, else
    local memory.
    """
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url.startswith("file://"):
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": url.removeprefix("file://"),
        }
    if url and url != "locmem://":
        raise ValueError(f"CHENBAO_CACHE_URL: unknown cache {url.split(':', 1)[0]!r}")
    if default_dir is not None:
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(default_dir),
        }
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


CACHES = {"default": cache_from_env(env_str("CHENBAO_CACHE_URL", ""))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "chenbao" / "locale"]
TIME_ZONE = env_str("CHENBAO_TIME_ZONE", "Asia/Shanghai")
# The newsroom works in the paper's time zone: no per-user choice (and no list of 600 zone
# names in English on the account page).
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("CHENBAO_MEDIA_ROOT", str(VAR_DIR / "media")))

LOGIN_URL = "wagtailadmin_login"

WAGTAIL_SITE_NAME = env_str("CHENBAO_PAPER_NAME", "鲁中晨报")
WAGTAILADMIN_BASE_URL = env_str("CHENBAO_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# The newsroom's admin is Chinese (issue 14): no per-user language choice.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Stories are searched through the archive's Chinese engine (decision 0019); everything else
# through Wagtail's database backend, to which this one delegates.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "chenbao.archive.search.wagtail_backend"}}

# The newsroom's own settings.
CHENBAO: ChenbaoSettings = {
    "PAPER_NAME": WAGTAIL_SITE_NAME,
    # House style of the printed forecast: "ascii" (',' and '~', as on the reference
    # page) or "fullwidth" ('，' and '～').
    "WEATHER_STYLE": env_str("CHENBAO_WEATHER_STYLE", "ascii"),
    # Where the QR code on the tip-line banner points.
    "TIPLINE_URL": env_str("CHENBAO_TIPLINE_URL", WAGTAILADMIN_BASE_URL + "/baoliao/"),
    "DEMO": env_bool("CHENBAO_DEMO", False),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("CHENBAO_LOG_LEVEL", "INFO")},
    # Wagtail's background tasks log every search-index update at INFO.
    "loggers": {"django_tasks": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# --- archive search (decision 0019) ---
# The embedded engine's index folder (tantivy): rebuilt from the database by
# `chenbao search-reindex`, so it needs no backup of its own.
CHENBAO["SEARCH_DIR"] = env_str("CHENBAO_SEARCH_DIR", str(VAR_DIR / "search"))
# How many cores one costly query (a phrase in a large part of the archive) may use at once;
# 1 keeps every query on one core.
CHENBAO["SEARCH_THREADS"] = int(env_str("CHENBAO_SEARCH_THREADS", "2"))
# The scale-out engine instead: an OpenSearch cluster's URL (https://user:pass@host:9200) and
# the alias its stories index goes by; empty keeps the embedded engine (docs/search.md).
CHENBAO["SEARCH_URL"] = env_str("CHENBAO_SEARCH_URL", "")
CHENBAO["SEARCH_INDEX"] = env_str("CHENBAO_SEARCH_INDEX", "chenbao-stories")
# Refuse archive dumps larger than this (bytes): a printed page is ~10 KB of text.
CHENBAO_ARCHIVE_MAX_PAGE_BYTES = int(env_str("CHENBAO_ARCHIVE_MAX_PAGE_BYTES", str(1024 * 1024)))

# --- figures ---
# The paper's own city: a figure whose story names no place (全市, no dateline) is counted
# for it when indicators are suggested (docs/figures.md).
CHENBAO.update({"FIGURES_HOME_PLACE": env_str("CHENBAO_FIGURES_HOME_PLACE", "淄博")})

# --- weather ---
# Where the forecast box's numbers come from (docs/weather-desk.md).
CHENBAO.update(
    {
        "WEATHER_LOCATION": env_str("CHENBAO_WEATHER_LOCATION", "淄博"),
        # "file": the bureau's CSV/JSON file or drop folder; "open-meteo": the public API.
        "WEATHER_PROVIDER": env_str("CHENBAO_WEATHER_PROVIDER", "file"),
        "WEATHER_FILE": env_str("CHENBAO_WEATHER_FILE", ""),
        "WEATHER_LATITUDE": float(env_str("CHENBAO_WEATHER_LATITUDE", "36.81")),
        "WEATHER_LONGITUDE": float(env_str("CHENBAO_WEATHER_LONGITUDE", "118.05")),
        "WEATHER_HTTP_TIMEOUT": float(env_str("CHENBAO_WEATHER_HTTP_TIMEOUT", "10")),
        "WEATHER_HTTP_RETRIES": int(env_str("CHENBAO_WEATHER_HTTP_RETRIES", "3")),
        # A forecast older than this is flagged stale to the night editor.
        "WEATHER_STALE_HOURS": int(env_str("CHENBAO_WEATHER_STALE_HOURS", "12")),
    }
)

# --- the page grid ---
# The one grid pages are set on, ads are sold on and artwork is checked against
# (chenbao/editions/grid.py): paper size, margins (top, right, bottom, left), columns and
# gutter in millimetres, the folio line's height, and the rows the page board snaps to.
_page_w, _page_h = (float(x) for x in env_str("CHENBAO_PAGE_SIZE_MM", "297x420").split("x"))
_m_top, _m_right, _m_bottom, _m_left = (
    float(x) for x in env_str("CHENBAO_PAGE_MARGINS_MM", "12,14,14,14").split(",")
)
CHENBAO["PAGE_GRID"] = {
    "width": _page_w,
    "height": _page_h,
    "margin_top": _m_top,
    "margin_right": _m_right,
    "margin_bottom": _m_bottom,
    "margin_left": _m_left,
    "columns": int(env_str("CHENBAO_PAGE_COLUMNS", "6")),
    "gutter": float(env_str("CHENBAO_PAGE_GUTTER_MM", "4")),
    "folio_height": float(env_str("CHENBAO_PAGE_FOLIO_MM", "9")),
    "rows": int(env_str("CHENBAO_PAGE_ROWS", "20")),
}

# --- ads ---
# Artwork must reach this resolution at the slot's printed size (docs/ad-desk.md).
CHENBAO["AD_MIN_DPI"] = int(env_str("CHENBAO_AD_MIN_DPI", "300"))
# --- render ---
# The published e-paper (HTML, PNG, PDF per page and edition): a directory by default;
# set CHENBAO_PUBLISH_S3_BUCKET (and install django-storages[s3]) to publish to
# S3-compatible object storage instead. See docs/render.md.
# Empty means MEDIA_ROOT/epaper (so the test settings' temporary MEDIA_ROOT keeps tests apart).
CHENBAO["PUBLISH_DIR"] = env_str("CHENBAO_PUBLISH_DIR", "")
CHENBAO["PUBLISH_PPI"] = float(env_str("CHENBAO_PUBLISH_PPI", "150"))
CHENBAO["PUBLISH_URL"] = env_str("CHENBAO_PUBLISH_URL", "/epaper-files/")
# Crop marks on the print PDFs (page and edition): each page grows by the slug on every
# side, with TrimBox (the A3 page) and BleedBox set. The e-paper is not affected.
CHENBAO["PRINT_CROP_MARKS"] = env_bool("CHENBAO_PRINT_CROP_MARKS", False)
CHENBAO["PRINT_SLUG_MM"] = float(env_str("CHENBAO_PRINT_SLUG_MM", "10"))
CHENBAO["PRINT_BLEED_MM"] = float(env_str("CHENBAO_PRINT_BLEED_MM", "3"))
if env_str("CHENBAO_PUBLISH_S3_BUCKET", ""):
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        "publish": {
            "BACKEND": "chenbao.editions.s3.PublishS3Storage",
            "OPTIONS": {
                "bucket_name": env_str("CHENBAO_PUBLISH_S3_BUCKET", ""),
                "endpoint_url": env_str("CHENBAO_PUBLISH_S3_ENDPOINT", "") or None,
                "location": env_str("CHENBAO_PUBLISH_S3_PREFIX", "epaper"),
                "file_overwrite": True,
                "querystring_auth": False,
            },
        },
    }

# --- stories ---
# 三审: any change after a level passed sends the story back through that level, and
# passing 终审 publishes without the reviewer holding Wagtail's publish permission.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_FINISH_WORKFLOW_ACTION = "chenbao.stories.workflow.publish_workflow_state"
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# Review notices go by email when an SMTP host is set (they always show in the admin);
# without one, mail is dropped rather than failing against a missing local server.
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("CHENBAO_EMAIL_HOST", "")
    else "django.core.mail.backends.dummy.EmailBackend"
)
EMAIL_HOST = env_str("CHENBAO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("CHENBAO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("CHENBAO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("CHENBAO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("CHENBAO_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env_str("CHENBAO_EMAIL_FROM", "chenbao@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# How often the demo's built-in scheduler runs `publish_scheduled` (seconds).
CHENBAO["SCHEDULER_INTERVAL"] = int(env_str("CHENBAO_SCHEDULER_INTERVAL", "60"))
# Run the scheduler inside `runserver`: off here, on by default in dev.py (the demo).
CHENBAO["SCHEDULER_IN_PROCESS"] = env_bool("CHENBAO_SCHEDULER_IN_PROCESS", False)
# --- render (speed) ---
# Processes that lay out an edition's pages at once; empty: one per core (at most 8).
# 1 renders in the publishing process itself.
CHENBAO["RENDER_WORKERS"] = int(env_str("CHENBAO_RENDER_WORKERS", "0")) or None
# --- tips / rewards ---
# The tip-line (爆料). CHENBAO_TIP_KEY encrypts tipsters' contact data: a Fernet key (32
# url-safe base64 bytes), or several separated by commas, the first encrypting and all
# decrypting (key rotation, docs/tipline.md). dev.py keeps one under var/; production must
# set it; test.py sets a fixed one. CHENBAO_TIP_INDEX_KEY keys the receipt index and never
# changes: unset, the index key comes from the single key of CHENBAO_TIP_KEY; set it to that
# key at the first rotation (chenbao/tips/crypto.py, index_key).
CHENBAO_TIP_KEY = env_str("CHENBAO_TIP_KEY", "")
CHENBAO_TIP_INDEX_KEY = env_str("CHENBAO_TIP_INDEX_KEY", "")


def argon2_cost(value: str) -> tuple[int, int]:
    """Return the argon2id cost "time cost,memory KiB" as two integers."""
    time_cost, memory_kib = (int(x) for x in value.split(",", 1))
    return time_cost, memory_kib


CHENBAO.update(
    {
        "TIP_RETENTION_DAYS": int(env_str("CHENBAO_TIP_RETENTION_DAYS", "180")),
        "TIP_MAX_FILES": 9,
        "TIP_MAX_FILE_BYTES": 20 * 1024 * 1024,
        "TIP_MAX_TEXT_CHARS": 5000,
        "TIP_FILES_ROOT": env_str("CHENBAO_TIP_FILES_ROOT", str(VAR_DIR / "private" / "tips")),
        # Token buckets "count/seconds": `count` at once, refilled over `seconds`, per client
        # (tips/ratelimit.py; the client is a keyed hash, never an address).
        "TIP_RATE_LIMIT": env_str("CHENBAO_TIP_RATE_LIMIT", "20/60"),
        # Wrong receipts a client (and a receipt index) may try before each further try
        # costs a proof of work of TIP_RECEIPT_PROOF_BITS bits (about 2^bits hashes).
        "TIP_RECEIPT_FAILURES": env_str("CHENBAO_TIP_RECEIPT_FAILURES", "5/600"),
        "TIP_RECEIPT_PROOF_BITS": int(env_str("CHENBAO_TIP_RECEIPT_PROOF_BITS", "16")),
        # Bytes of files per tip (all its messages together) and per client in any 24 hours.
        "TIP_MAX_TIP_BYTES": int(env_str("CHENBAO_TIP_MAX_TIP_MB", "100")) * 1024 * 1024,
        "TIP_CLIENT_DAILY_BYTES": int(env_str("CHENBAO_TIP_CLIENT_DAILY_MB", "300")) * 1024 * 1024,
        # Photos: pixels of one photo (read from the header, before decoding) and of all the
        # photos of one request; the decoding runs in a worker process under these budgets.
        "TIP_MAX_IMAGE_PIXELS": 50_000_000,
        "TIP_MAX_REQUEST_PIXELS": 150_000_000,
        "TIP_MEDIA_MEMORY_MB": int(env_str("CHENBAO_TIP_MEDIA_MEMORY_MB", "2048")),
        "TIP_MEDIA_CPU_SECONDS": 20,
        "TIP_MEDIA_WALL_SECONDS": 60.0,
        # Clients (addresses or networks) the tip-line's limits do not apply to: a load test.
        "TIP_LIMITS_EXEMPT": tuple(env_list("CHENBAO_TIP_LIMITS_EXEMPT", [])),
        # The proxies whose client-address header is believed (addresses or networks), and
        # that header; empty: REMOTE_ADDR is the client (docs/operations.md).
        "TRUSTED_PROXIES": tuple(env_list("CHENBAO_TRUSTED_PROXIES", [])),
        "CLIENT_IP_HEADER": env_str("CHENBAO_CLIENT_IP_HEADER", "X-Forwarded-For"),
        # argon2id cost of receipt hashes: "time cost,memory KiB" (docs/decisions).
        "TIP_ARGON2": argon2_cost(env_str("CHENBAO_TIP_ARGON2", "1,2048")),
        # Measured: docs/decisions/ (tip duplicates).
        "TIP_DUPLICATE_THRESHOLD": 0.12,
        "TIP_DUPLICATE_WINDOW_DAYS": 7,
        # A new tip nobody has looked at after this many hours is overdue on the dashboard.
        "TIP_OVERDUE_HOURS": int(env_str("CHENBAO_TIP_OVERDUE_HOURS", "2")),
        "HOTLINE": env_str("CHENBAO_HOTLINE", "3585000"),
    }
)
# Photos and videos stream to temporary files above 2.5 MB; other fields stay small.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- deploy ---
# Where gunicorn listens (deploy/gunicorn.conf.py reads CHENBAO_BIND too; nginx proxies to it).
CHENBAO["BIND"] = env_str("CHENBAO_BIND", "127.0.0.1:8000")
# nginx's refresh server (deploy/nginx/chenbao.conf): after every change a reader must see,
# its public URLs are fetched there afresh. Empty: no page cache in front (development).
CHENBAO["PURGE_URL"] = env_str("CHENBAO_PURGE_URL", "")
# How long nginx or a CDN may keep a reader's page between refreshes (s-maxage): the bound
# on staleness should a refresh be lost (nginx restarted at that moment).
CHENBAO["PUBLIC_CACHE_SECONDS"] = int(env_str("CHENBAO_PUBLIC_CACHE_SECONDS", "300"))
# The caches in front of the reader site that chenbao refreshes (Wagtail's frontend cache
# backends: add a CDN's here, docs/operations.md). Wagtail's own page signals are not
# wired (its app is not installed): chenbao.site.frontcache refreshes after the commit.
WAGTAILFRONTENDCACHE = (
    {
        "nginx": {
            "BACKEND": "chenbao.site.frontcache.NginxRefreshBackend",
            "LOCATION": CHENBAO["PURGE_URL"],
        }
    }
    if CHENBAO["PURGE_URL"]
    else {}
)

# --- sign-in ---
# django-axes: after AXES_FAILURE_LIMIT wrong passwords for one user from one client address,
# that pair is refused for AXES_COOLOFF_TIME, the right password too (decision 0022). The
# address is the one chenbao believes (CHENBAO_TRUSTED_PROXIES, as the tip-line's limits).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env_str("CHENBAO_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(env_str("CHENBAO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "chenbao.tips.ratelimit.client_address"
AXES_LOCKOUT_CALLABLE = "chenbao.core.twofactor.lockout_response"
# Log lines name a client by a keyed hash; successful sign-ins are not recorded.
AXES_CLIENT_STR_CALLABLE = "chenbao.core.twofactor.client_str"
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True
# django-otp: TOTP apps and recovery codes, required of the roles in
# core/access.py SECOND_FACTOR_ROLES (who see tipsters' contacts or pay rewards).
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
CHENBAO["SECOND_FACTOR"] = env_bool("CHENBAO_SECOND_FACTOR", True)
