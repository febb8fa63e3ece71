"""Demo weather: the bureau's sample file fetched, and a three-day box on the demo edition."""

import datetime as dt
from pathlib import Path

from django.conf import settings

from chenbao.editions.models import Edition, PrintedPage
from chenbao.weather.providers.filedrop import FileDropProvider
from chenbao.weather.selectors import weather_status
from chenbao.weather.services import forecast_box_fill, forecast_fetch

SAMPLE = Path(__file__).parent / "fixtures" / "bureau-sample.csv"
# The day before the reference page: the reader site's front page stays the reference page.
DEMO_DATE = dt.date(2022, 12, 1)
DEMO_PAGES = (("A01", "头版"), ("A02", "要闻"))


def demo_pages() -> dict[str, PrintedPage]:
    """Return the demo edition's pages (made on first use; shared with the ads demo)."""
    edition, _ = Edition.objects.get_or_create(paper=settings.CHENBAO["PAPER_NAME"], date=DEMO_DATE)
    pages = {}
    for number, name in DEMO_PAGES:
        pages[number], _ = PrintedPage.objects.get_or_create(
            edition=edition, number=number, defaults={"name": name}
        )
    return pages


def load(*, stdout) -> None:
    location = settings.CHENBAO["WEATHER_LOCATION"]
    if weather_status(location=location).stale:  # fetch again only when it has gone stale
        outcome = forecast_fetch(provider=FileDropProvider(SAMPLE), location=location, days=6)
        if not outcome.fetch.ok:
            stdout.write(f"weather: sample fetch failed: {outcome.fetch.error}")
            return
    page = demo_pages()["A02"]
    days = forecast_box_fill(page=page, location=location)
    stdout.write(f"weather box on {page}: " + " / ".join(day.text for day in days))
