"""Demo weather: the bureau's sample file fetched, and a three-day box on the demo edition."""

from pathlib import Path

from django.conf import settings

from chenbao.editions.demo import demo_pages
from chenbao.weather.providers.filedrop import FileDropProvider
from chenbao.weather.selectors import weather_status
from chenbao.weather.services import forecast_box_fill, forecast_fetch

SAMPLE = Path(__file__).parent / "fixtures" / "bureau-sample.csv"


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
