"""Reads of the weather desk: stored forecasts and whether they are fresh."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from chenbao.weather.models import Forecast, ForecastFetch


@dataclass(frozen=True)
class WeatherStatus:
    """What the night editor needs to know about the forecast for one place."""

    location: str
    last_good: ForecastFetch | None
    last_attempt: ForecastFetch | None
    stale_after: dt.timedelta
    now: dt.datetime

    @property
    def age(self) -> dt.timedelta | None:
        return None if self.last_good is None else self.now - self.last_good.at

    @property
    def stale(self) -> bool:
        """True when there is no good forecast, or the last good one is older than allowed."""
        return self.age is None or self.age > self.stale_after

    @property
    def failing(self) -> bool:
        return self.last_attempt is not None and not self.last_attempt.ok

    @property
    def needs_attention(self) -> bool:
        return self.stale or self.failing

    @property
    def age_hours(self) -> int | None:
        return None if self.age is None else int(self.age.total_seconds() // 3600)


def weather_status(*, location: str | None = None, now: dt.datetime | None = None) -> WeatherStatus:
    location = location or settings.CHENBAO["WEATHER_LOCATION"]
    fetches = ForecastFetch.objects.filter(location=location)
    return WeatherStatus(
        location=location,
        last_good=fetches.filter(ok=True).order_by("-at", "-id").first(),
        last_attempt=fetches.order_by("-at", "-id").first(),
        stale_after=dt.timedelta(hours=settings.CHENBAO["WEATHER_STALE_HOURS"]),
        now=now or timezone.now(),
    )


def forecast_list(
    *, location: str | None = None, since: dt.date | None = None
) -> QuerySet[Forecast]:
    location = location or settings.CHENBAO["WEATHER_LOCATION"]
    forecasts = Forecast.objects.filter(location=location)
    if since is not None:
        forecasts = forecasts.filter(date__gte=since)
    return forecasts.order_by("date")
