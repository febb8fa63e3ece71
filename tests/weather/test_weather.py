"""`chenbao weather phrase|fetch|fill|status`: the paper's wording from numbers, the scheduled
fetch and the night desk's checks."""

import datetime as dt
import io
import json
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from chenbao.editions.models import Edition, PrintedPage
from chenbao.weather import wording
from chenbao.weather.models import Forecast, ForecastFetch

SAMPLE = "chenbao/weather/fixtures/bureau-sample.csv"


def phrase(*args, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    call_command("weather", "phrase", *args, stdout=out)
    return out.getvalue()


def test_the_reference_pages_three_days_from_their_numbers(
    tmp_path, reference_days, reference_phrases
):
    source = tmp_path / "days.json"
    source.write_text(json.dumps(reference_days, ensure_ascii=False), encoding="utf-8")
    assert phrase(str(source)).splitlines() == reference_phrases


def test_reads_standard_input(monkeypatch, reference_days, reference_phrases):
    out = phrase("-", stdin=json.dumps(reference_days[:1]), monkeypatch=monkeypatch)
    assert out == reference_phrases[0] + "\n"


def test_house_style_comes_from_settings(settings, monkeypatch, reference_days):
    settings.CHENBAO = {**settings.CHENBAO, "WEATHER_STYLE": "fullwidth"}
    out = phrase("-", stdin=json.dumps(reference_days[:1]), monkeypatch=monkeypatch)
    assert out.strip() == "2日，多云，南风2～3级增强至3～4级，-6～5℃"


def test_phenomenon_codes_are_accepted(monkeypatch, reference_days, reference_phrases):
    reference_days[1]["sky"] = ["02"]
    out = phrase("-", stdin=json.dumps(reference_days), monkeypatch=monkeypatch)
    assert out.splitlines()[1] == reference_phrases[1]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(sky=["大太阳"]), ["2022-12-03", "天气现象", "大太阳"]),
        (lambda d: d["wind"][0].update(speed_min_ms=-1.0), ["2022-12-03", "负数"]),
        (lambda d: d.update(temp_min_c=9.0), ["2022-12-03", "最低气温"]),
        (lambda d: d.update(date="2022-13-40"), ["第2天", "date"]),
    ],
)
def test_bad_day_names_the_day_and_field_and_exits_2(monkeypatch, reference_days, change, expected):
    change(reference_days[1])
    with pytest.raises(CommandError) as caught:
        phrase("-", stdin=json.dumps(reference_days), monkeypatch=monkeypatch)
    assert caught.value.returncode == 2
    for part in expected:
        assert part in str(caught.value)


def test_not_a_list_and_not_json_are_refused(monkeypatch, tmp_path):
    with pytest.raises(CommandError, match="列表"):
        phrase("-", stdin='{"date": "2022-12-02"}', monkeypatch=monkeypatch)
    with pytest.raises(CommandError, match="JSON"):
        phrase("-", stdin="[{", monkeypatch=monkeypatch)
    with pytest.raises(CommandError, match="无法读取"):
        phrase(str(tmp_path / "missing.json"))


def test_console_script_prints_and_exits_2_on_bad_input(reference_days, reference_phrases):
    env_cmd = "import sys; from chenbao.cli import main; main(['chenbao'] + sys.argv[1:])"
    good = subprocess.run(
        [sys.executable, "-c", env_cmd, "weather", "phrase", "-"],
        input=json.dumps(reference_days),
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0, good.stderr
    assert good.stdout.splitlines() == reference_phrases
    reference_days[2]["sky"] = ["彩虹"]
    bad = subprocess.run(
        [sys.executable, "-c", env_cmd, "weather", "phrase", "-"],
        input=json.dumps(reference_days),
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "2022-12-04" in bad.stderr and "彩虹" in bad.stderr


speeds = st.floats(min_value=0, max_value=60, allow_nan=False)
wind_periods = st.lists(
    st.tuples(st.integers(0, 359), speeds, speeds).map(
        lambda t: {"dir_deg": t[0], "speed_min_ms": min(t[1:]), "speed_max_ms": max(t[1:])}
    ),
    min_size=1,
    max_size=2,
)
days = st.builds(
    lambda date, sky, wind, gust, temps: {
        "date": date.isoformat(),
        "sky": sky,
        "wind": wind,
        "gust_ms": gust,
        "temp_min_c": min(temps),
        "temp_max_c": max(temps),
    },
    st.dates(),
    st.lists(st.sampled_from(wording.KNOWN_PHENOMENA), min_size=1, max_size=2),
    wind_periods,
    st.none() | speeds,
    st.tuples(st.floats(-40, 45), st.floats(-40, 45)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(days, min_size=1, max_size=4), st.sampled_from(sorted(wording.HOUSE_STYLES)))
def test_property_every_printed_line_parses_back_to_itself(days, style):
    out = io.StringIO()
    with override_settings(CHENBAO={**django_settings.CHENBAO, "WEATHER_STYLE": style}):
        old = sys.stdin
        sys.stdin = io.StringIO(json.dumps(days))
        try:
            call_command("weather", "phrase", "-", stdout=out)
        finally:
            sys.stdin = old
    lines = out.getvalue().splitlines()
    assert len(lines) == len(days)
    for line, day in zip(lines, days, strict=True):
        assert line.startswith(f"{int(day['date'][8:])}日")
        assert wording.format_day(wording.parse_day(line), style=style) == line


# ------------------------------------------------------------------ fetch, fill, status


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
