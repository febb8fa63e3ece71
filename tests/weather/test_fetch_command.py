"""`chenbao weather fetch|fill|status`: the scheduled fetch and the night desk's checks."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chenbao.editions.models import Edition, PrintedPage
from chenbao.weather.models import Forecast, ForecastFetch

SAMPLE = "chenbao/weather/fixtures/bureau-sample.csv"


def run(*args) -> str:
    out = io.StringIO()
    call_command("weather", *args, stdout=out)
    return out.getvalue()


def test_fetch_prints_the_stored_days_and_status_says_fresh(db, reference_phrases):
    out = run("fetch", "--file", SAMPLE, "--location", "淄博")
    assert out.splitlines()[1:4] == reference_phrases
    assert "上次成功获取" in run("status")


def test_failed_fetch_exits_1_and_keeps_the_last_good(db, tmp_path):
    run("fetch", "--file", SAMPLE, "--location", "淄博")
    broken = tmp_path / "today.json"
    broken.write_text(
        json.dumps({"forecasts": {"淄博": [{"date": "2022-12-02"}]}}), encoding="utf-8"
    )
    with pytest.raises(CommandError, match="保留上次成功的预报") as caught:
        run("fetch", "--file", str(broken), "--location", "淄博")
    assert caught.value.returncode == 1
    assert Forecast.objects.count() == 5
    assert ForecastFetch.objects.filter(ok=False).count() == 1
    out = io.StringIO()
    call_command("weather", "status", stdout=out)  # still fresh, but says the last attempt failed
    assert "最近一次获取失败" in out.getvalue()


def test_status_exits_1_when_stale(db, settings):
    settings.CHENBAO = {**settings.CHENBAO, "WEATHER_STALE_HOURS": 0}
    with pytest.raises(CommandError, match="过期"):
        run("status")


def test_unconfigured_provider_is_a_clear_failure(db, settings):
    settings.CHENBAO = {**settings.CHENBAO, "WEATHER_PROVIDER": "file", "WEATHER_FILE": ""}
    with pytest.raises(CommandError, match="CHENBAO_WEATHER_FILE"):
        run("fetch")
    settings.CHENBAO = {**settings.CHENBAO, "WEATHER_PROVIDER": "radio"}
    with pytest.raises(CommandError, match="未知的天气数据来源"):
        run("fetch")


def test_fill_puts_three_days_on_the_page(db, reference_phrases):
    run("fetch", "--file", SAMPLE, "--location", "淄博")
    page = PrintedPage.objects.create(
        edition=Edition.objects.create(date=dt.date(2022, 12, 2)), number="A02"
    )
    assert run("fill", "--date", "2022-12-02", "--page", "a02").splitlines() == reference_phrases
    assert page.forecast_days.count() == 3
    with pytest.raises(CommandError, match="没有 A09 版"):
        run("fill", "--date", "2022-12-02", "--page", "A09")
    with pytest.raises(CommandError, match="缺少"):
        PrintedPage.objects.create(
            edition=Edition.objects.create(date=dt.date(2022, 12, 6)), number="A02"
        )
        run("fill", "--date", "2022-12-06", "--page", "A02")
