"""The type of `settings.CHENBAO`, the newsroom's own settings (no Django imports).

base.py builds the dict section by section, so every key is optional to the type checker;
each key's value type is still checked where it is set and where it is read.
"""

from typing import TypedDict


class PageGridSettings(TypedDict):
    """The keyword arguments of editions.layout.model.Grid (millimetres)."""

    width: float
    height: float
    margin_top: float
    margin_right: float
    margin_bottom: float
    margin_left: float
    columns: int
    gutter: float
    folio_height: float
    rows: int


class ChenbaoSettings(TypedDict, total=False):
    PAPER_NAME: str
    # "ascii" (',' and '~') or "fullwidth" ('，' and '～')
    WEATHER_STYLE: str
    TIPLINE_URL: str
    DEMO: bool
    SEARCH_DIR: str
    SEARCH_THREADS: int
    SEARCH_URL: str
    SEARCH_INDEX: str
    # --- figures ---
    FIGURES_HOME_PLACE: str
    # --- weather ---
    WEATHER_LOCATION: str
    # "file" or "open-meteo"
    WEATHER_PROVIDER: str
    WEATHER_FILE: str
    WEATHER_LATITUDE: float
    WEATHER_LONGITUDE: float
    WEATHER_HTTP_TIMEOUT: float
    WEATHER_HTTP_RETRIES: int
    WEATHER_STALE_HOURS: int
    # --- the page grid ---
    PAGE_GRID: PageGridSettings
    # --- ads ---
    AD_MIN_DPI: int
    # --- render ---
    PUBLISH_DIR: str
    PUBLISH_PPI: float
    PUBLISH_URL: str
    RENDER_WORKERS: int | None
    # print PDF: crop marks outside the trim, slug and bleed in millimetres
    PRINT_CROP_MARKS: bool
    PRINT_SLUG_MM: float
    PRINT_BLEED_MM: float
    # --- stories ---
    SCHEDULER_INTERVAL: int
    SCHEDULER_IN_PROCESS: bool
    # --- tips / rewards ---
    TIP_RETENTION_DAYS: int
    TIP_MAX_FILES: int
    TIP_MAX_FILE_BYTES: int
    TIP_MAX_TEXT_CHARS: int
    TIP_FILES_ROOT: str
    TIP_RATE_LIMIT: str
    TIP_RECEIPT_FAILURES: str
    TIP_RECEIPT_PROOF_BITS: int
    TIP_MAX_TIP_BYTES: int
    TIP_CLIENT_DAILY_BYTES: int
    TIP_MAX_IMAGE_PIXELS: int
    TIP_MAX_REQUEST_PIXELS: int
    TIP_MEDIA_MEMORY_MB: int
    TIP_MEDIA_CPU_SECONDS: int
    TIP_MEDIA_WALL_SECONDS: float
    TIP_LIMITS_EXEMPT: tuple[str, ...]
    TRUSTED_PROXIES: tuple[str, ...]
    CLIENT_IP_HEADER: str
    # argon2id (time cost, memory KiB)
    TIP_ARGON2: tuple[int, int]
    TIP_DUPLICATE_THRESHOLD: float
    TIP_DUPLICATE_WINDOW_DAYS: int
    TIP_OVERDUE_HOURS: int
    HOTLINE: str
    # --- deploy ---
    BIND: str
    PURGE_URL: str
    PUBLIC_CACHE_SECONDS: int
    # --- sign-in ---
    SECOND_FACTOR: bool
