"""Reads of the weather desk: whether the stored forecast is fresh, and the stored days."""

import datetime as dt

import pytest

from chenbao.weather.models import Forecast, ForecastFetch
from chenbao.weather.selectors import WeatherStatus, forecast_list, weather_status

NOW = dt.datetime(2022, 12, 1, 17, 0, tzinfo=dt.UTC)


def fetch(*, hours_ago: float, ok: bool = True, location: str = "淄博") -> ForecastFetch:
    return ForecastFetch.objects.create(
        location=location,
        provider="file",
        at=NOW - dt.timedelta(hours=hours_ago),
        ok=ok,
        days=5 if ok else 0,
        error="" if ok else "气象台接口无响应",
    )


def status(last_good=None, last_attempt=None, stale_hours=12) -> WeatherStatus:
    return WeatherStatus(
        location="淄博",
        last_good=last_good,
        last_attempt=last_attempt,
        stale_after=dt.timedelta(hours=stale_hours),
        now=NOW,
    )


def test_no_good_forecast_at_all_is_stale_with_no_age():
    st = status()
    assert st.age is None and st.age_hours is None
    assert st.stale and not st.failing and st.needs_attention


def test_a_forecast_younger_than_the_limit_is_fresh_and_older_is_stale():
    good = ForecastFetch(
        location="淄博", provider="file", at=NOW - dt.timedelta(hours=11, minutes=59), ok=True
    )
    assert status(good, good).age_hours == 11
    assert not status(good, good).stale and not status(good, good).needs_attention
    good.at = NOW - dt.timedelta(hours=12, minutes=1)
    assert status(good, good).stale and status(good, good).age_hours == 12


def test_a_failed_last_attempt_needs_attention_even_when_the_forecast_is_fresh():
    good = ForecastFetch(location="淄博", provider="file", at=NOW - dt.timedelta(hours=1), ok=True)
    failed = ForecastFetch(location="淄博", provider="file", at=NOW, ok=False, error="x")
    st = status(good, failed)
    assert not st.stale and st.failing and st.needs_attention


@pytest.mark.django_db
def test_status_picks_the_newest_good_fetch_and_the_newest_attempt_of_its_place(settings):
    settings.CHENBAO = {**settings.CHENBAO, "WEATHER_STALE_HOURS": 6}
    fetch(hours_ago=30)
    newest_good = fetch(hours_ago=5)
    failed = fetch(hours_ago=1, ok=False)
    fetch(hours_ago=0, location="济南")
    st = weather_status(location="淄博", now=NOW)
    assert st.last_good == newest_good and st.last_attempt == failed
    assert st.stale_after == dt.timedelta(hours=6)
    assert st.age_hours == 5 and not st.stale and st.failing


@pytest.mark.django_db
def test_status_defaults_to_the_configured_place(settings):
    settings.CHENBAO = {**settings.CHENBAO, "WEATHER_LOCATION": "济南"}
    fetch(hours_ago=1, location="淄博")
    st = weather_status(now=NOW)
    assert st.location == "济南" and st.last_good is None and st.stale


@pytest.mark.django_db
def test_forecast_list_is_one_places_days_in_date_order_from_a_date(settings):
    def day(location, date):
        return Forecast.objects.create(
            location=location, date=date, text="晴", provider="file", fetched_at=NOW
        )

    late = day("淄博", dt.date(2022, 12, 4))
    early = day("淄博", dt.date(2022, 12, 2))
    day("淄博", dt.date(2022, 12, 1))
    day("济南", dt.date(2022, 12, 3))
    settings.CHENBAO = {**settings.CHENBAO, "WEATHER_LOCATION": "淄博"}
    assert list(forecast_list(since=dt.date(2022, 12, 2))) == [early, late]
    assert len(forecast_list(location="济南")) == 1
