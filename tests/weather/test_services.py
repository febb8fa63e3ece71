"""The weather desk's writes: fetch keeps the last good forecast, overrides win, the box fills."""

import datetime as dt

import pytest
from django.utils import timezone

from chenbao.core.models import AuditEntry
from chenbao.core.roles import PAGE_EDITOR
from chenbao.editions.models import Edition, PrintedPage
from chenbao.editions.services.publish import edition_publish
from chenbao.weather.models import Forecast, ForecastFetch
from chenbao.weather.providers import ProviderError
from chenbao.weather.providers.filedrop import FileDropProvider
from chenbao.weather.selectors import weather_status
from chenbao.weather.services import (
    WeatherError,
    forecast_box_fill,
    forecast_fetch,
    forecast_override,
    provider_from_settings,
)

SAMPLE = "chenbao/weather/fixtures/bureau-sample.csv"
NOW = dt.datetime(2022, 12, 1, 17, 0, tzinfo=dt.UTC)


class Failing:
    name = "broken"

    def fetch(self, location, days):
        raise ProviderError("气象台接口无响应")


class Fixed:
    name = "fixed"

    def __init__(self, days):
        self.days = days

    def fetch(self, location, days):
        return self.days[:days]


@pytest.fixture
def page(db):
    edition = Edition.objects.create(date=dt.date(2022, 12, 2))
    return PrintedPage.objects.create(edition=edition, number="A02", name="要闻")


def test_fetch_stores_days_with_their_wording(db, reference_phrases):
    outcome = forecast_fetch(provider=FileDropProvider(SAMPLE), location="淄博", now=NOW)
    assert outcome.fetch.ok and outcome.fetch.days == 5
    texts = list(Forecast.objects.order_by("date").values_list("text", flat=True))
    assert texts[1:4] == reference_phrases


def test_failed_fetch_keeps_the_last_good_forecast(db, reference_phrases):
    forecast_fetch(provider=FileDropProvider(SAMPLE), location="淄博", now=NOW)
    later = NOW + dt.timedelta(hours=6)
    outcome = forecast_fetch(provider=Failing(), location="淄博", now=later)
    assert not outcome.fetch.ok and "无响应" in outcome.fetch.error
    assert Forecast.objects.count() == 5
    assert Forecast.objects.get(date=dt.date(2022, 12, 2)).text == reference_phrases[0]
    status = weather_status(location="淄博", now=later)
    assert status.failing and not status.stale and status.last_good.at == NOW


def test_data_that_cannot_be_worded_is_a_failed_fetch(db, reference_days):
    forecast_fetch(provider=Fixed(reference_days), location="淄博", now=NOW)
    reference_days[0]["temp_min_c"] = 30
    outcome = forecast_fetch(provider=Fixed(reference_days), location="淄博", now=NOW)
    assert not outcome.fetch.ok and "最低气温" in outcome.fetch.error
    assert Forecast.objects.get(date=dt.date(2022, 12, 2)).data["temp_min_c"] == -6.2


def test_forecast_turns_stale_after_the_set_age(db, settings, reference_days):
    settings.CHENBAO = {**settings.CHENBAO, "WEATHER_STALE_HOURS": 12}
    assert weather_status(location="淄博", now=NOW).stale  # nothing fetched yet
    forecast_fetch(provider=Fixed(reference_days), location="淄博", now=NOW)
    assert not weather_status(location="淄博", now=NOW + dt.timedelta(hours=11)).stale
    old = weather_status(location="淄博", now=NOW + dt.timedelta(hours=13))
    assert old.stale and old.needs_attention and old.age_hours == 13


def test_override_wins_and_survives_a_new_fetch(db, reference_days, make_user):
    editor = make_user("night", PAGE_EDITOR)
    forecast_fetch(provider=Fixed(reference_days), location="淄博", now=NOW)
    day = Forecast.objects.get(date=dt.date(2022, 12, 3))
    forecast_override(forecast=day, text="3日,阴转小雪,北风3~4级,-4~2℃", user=editor)
    forecast_fetch(provider=Fixed(reference_days), location="淄博", now=NOW + dt.timedelta(hours=1))
    day.refresh_from_db()
    assert day.printed_text == "3日,阴转小雪,北风3~4级,-4~2℃"
    assert day.text == "3日,阴,南风2~3级转北风3~4级,-4~3℃"
    forecast_override(forecast=day, text="  ", user=editor)
    day.refresh_from_db()
    assert day.printed_text == day.text
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert "forecast.override" in actions and "forecast.override_clear" in actions


def test_override_longer_than_a_box_line_is_refused(db, reference_days):
    forecast_fetch(provider=Fixed(reference_days), location="淄博", now=NOW)
    with pytest.raises(WeatherError, match="120"):
        forecast_override(forecast=Forecast.objects.first(), text="晴" * 121)


def test_box_fill_prints_three_days_from_the_editions_date(page, reference_phrases, printed_text):
    forecast_fetch(provider=FileDropProvider(SAMPLE), location="淄博", now=timezone.now())
    boxed = forecast_box_fill(page=page, location="淄博")
    assert [d.text for d in boxed] == reference_phrases
    second = page.forecast_days.get(date=dt.date(2022, 12, 3))
    assert second.sky == ["阴"] and second.wind_change == "转" and second.temp_min == -4
    # Filling again replaces the box; it never doubles it.
    forecast_box_fill(page=page, location="淄博")
    assert page.forecast_days.count() == 3
    edition_publish(edition=page.edition)  # the published page prints the box
    printed = printed_text(dt.date(2022, 12, 2), "A02")
    for phrase in reference_phrases:  # the box sets day and sky, temperatures, then the wind
        day, sky, wind, temperatures = phrase.split(",")
        assert day + sky + temperatures + wind in printed, phrase


def test_box_fill_uses_the_override_even_when_it_does_not_parse(page, reference_days):
    forecast_fetch(provider=Fixed(reference_days), location="淄博", now=NOW)
    forecast_override(
        forecast=Forecast.objects.get(date=dt.date(2022, 12, 4)), text="4日,阴,微风,-5~3℃"
    )
    boxed = forecast_box_fill(page=page, location="淄博")
    assert boxed[2].text == "4日,阴,微风,-5~3℃" and boxed[2].temp_min is None


def test_box_fill_refuses_missing_days_and_leaves_the_box(page, reference_days):
    forecast_fetch(provider=Fixed(reference_days[:2]), location="淄博", now=NOW)
    with pytest.raises(WeatherError, match="12月04日"):
        forecast_box_fill(page=page, location="淄博")
    assert page.forecast_days.count() == 0
    assert ForecastFetch.objects.count() == 1


def test_provider_from_settings(settings):
    settings.CHENBAO = {**settings.CHENBAO, "WEATHER_PROVIDER": "open-meteo"}
    assert provider_from_settings().name == "open-meteo"
    assert provider_from_settings("file").name == "file"
