"""How long the ad desk takes to place a month of editions (prints figures; not a test).

Run: .venv/bin/python bench/bench_ad_desk.py  (uses a throwaway SQLite database)
"""

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "chenbao.settings.test"
os.environ["CHENBAO_VAR_DIR"] = tempfile.mkdtemp(prefix="chenbao-bench-")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

settings.DATABASES["default"]["NAME"] = os.path.join(os.environ["CHENBAO_VAR_DIR"], "bench.sqlite3")
call_command("migrate", verbosity=0)

from chenbao.ads.models import AdSlot, PublicServiceAd  # noqa: E402
from chenbao.ads.services import advertiser_create, booking_create, edition_ads_place  # noqa: E402
from chenbao.editions.models import Edition, PrintedPage  # noqa: E402
from chenbao.weather import wording  # noqa: E402

PAGES = [f"A{n:02d}" for n in range(1, 17)]
for number in PAGES:
    AdSlot.objects.create(page_number=number, position="bottom", columns=6, height_mm=60)
for i in range(40):  # at least twice the slots a day: see docs/ad-desk.md
    PublicServiceAd.objects.create(
        title=f"公益{i}", text=f"公益{i}", columns=6, height_mm=60, approved=True
    )
advertiser = advertiser_create(name="基准客户")
start = time.perf_counter()
for day in range(1, 31):
    booking_create(
        advertiser=advertiser, title=f"b{day}", date_from=dt.date(2023, 6, day), page_number="A01",
        position="ear", columns=2, height_mm=40, price=1000,
    )  # fmt: skip
booking_s = time.perf_counter() - start

editions = []
for day in range(1, 31):
    edition = Edition.objects.create(date=dt.date(2023, 6, day))
    PrintedPage.objects.bulk_create(PrintedPage(edition=edition, number=n) for n in PAGES)
    editions.append(edition)
start = time.perf_counter()
filled = sum(len(edition_ads_place(edition=e).filled) for e in editions)
place_s = time.perf_counter() - start
print(f"30 bookings with conflict checks: {booking_s:.2f} s ({booking_s / 30 * 1000:.1f} ms each)")
print(f"30 editions × 16 pages, {filled} public-service fills: {place_s:.2f} s "
      f"({place_s / 30 * 1000:.0f} ms an edition)")  # fmt: skip

day = {
    "date": "2022-12-02", "sky": ["多云"], "gust_ms": None, "temp_min_c": -6.2, "temp_max_c": 4.8,
    "wind": [{"dir_deg": 180, "speed_min_ms": 2.0, "speed_max_ms": 5.0},
             {"dir_deg": 185, "speed_min_ms": 4.0, "speed_max_ms": 7.5}],
}  # fmt: skip
start = time.perf_counter()
for _ in range(10_000):
    wording.format_day(wording.day_from_data(day))
print(f"weather wording: {(time.perf_counter() - start) / 10_000 * 1e6:.0f} µs a day")
