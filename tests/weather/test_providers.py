"""Forecast providers: the bureau's file drop and Open-Meteo (recorded responses, no network)."""

import json
import os

import httpx
import pytest

from chenbao.weather import wording
from chenbao.weather.providers import ProviderError
from chenbao.weather.providers.filedrop import CSV_COLUMNS, FileDropProvider
from chenbao.weather.providers.openmeteo import (
    GUST_PRINT_FROM_MS,
    OpenMeteoProvider,
    parse_daily,
    wind_range,
)
from chenbao.weather.services import provider_from_settings

SAMPLE = "chenbao/weather/fixtures/bureau-sample.csv"


def worded(days):
    return [wording.format_day(wording.day_from_data(day)) for day in days]


# ------------------------------------------------------------------ file drop


def test_the_shipped_bureau_sample_gives_the_reference_days(reference_phrases):
    days = FileDropProvider(SAMPLE).fetch("淄博", 4)
    assert worded(days) == ["1日,晴,西北风3~4级,-7~3℃", *reference_phrases]


def test_file_provider_returns_at_most_the_days_asked_for_earliest_first():
    days = FileDropProvider(SAMPLE).fetch("淄博", 10)
    assert [d["date"] for d in days] == [f"2022-12-0{n}" for n in range(1, 7)]
    assert worded(days)[4:] == ["5日,晴,北风3~4级,阵风6级,-7~2℃", "6日,晴转多云,西北风2~3级,-6~4℃"]


def test_json_file_and_a_drop_folders_newest_file(tmp_path, reference_days, reference_phrases):
    old = tmp_path / "old.csv"
    old.write_text(",".join(CSV_COLUMNS) + "\n", encoding="utf-8")
    new = tmp_path / "new.json"
    new.write_text(json.dumps({"forecasts": {"淄博": reference_days[::-1]}}), encoding="utf-8")
    os.utime(old, (1_000_000, 1_000_000))
    assert worded(FileDropProvider(tmp_path).fetch("淄博", 3)) == reference_phrases


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("location,date\n淄博,2022-12-02\n", "a.csv", "缺少列"),
        (",".join(CSV_COLUMNS) + "\n淄博,2022-12-02,晴,abc,1,2,,,,,1,2\n", "a.csv", "第2行"),
        ("{not json", "a.json", "JSON"),
        ('{"forecasts": []}', "a.json", "forecasts"),
        (",".join(CSV_COLUMNS) + "\n济南,2022-12-02,晴,0,1,2,,,,,1,2\n", "a.csv", "没有“淄博”"),
    ],
)
def test_bad_bureau_files_are_refused_clearly(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProviderError, match=message):
        FileDropProvider(path).fetch("淄博", 3)


def test_missing_file_empty_folder_and_unset_path(tmp_path):
    with pytest.raises(ProviderError, match="找不到"):
        FileDropProvider(tmp_path / "none.csv").fetch("淄博", 3)
    with pytest.raises(ProviderError, match="没有气象台文件"):
        FileDropProvider(tmp_path).fetch("淄博", 3)
    with pytest.raises(ProviderError, match="未设置"):
        FileDropProvider("").fetch("淄博", 3)


# ------------------------------------------------------------------ Open-Meteo


def test_wind_range_starts_one_force_below_the_daily_maximum():
    assert wind_range(5.0) == (1.6, 5.0)  # force 3 -> 2~3级
    assert wind_range(7.2) == (3.4, 7.2)  # force 4 -> 3~4级
    assert wind_range(0.1) == (0.0, 0.1)  # calm stays 0级
    assert wording.wind_force(wind_range(12.0)[0]) == 5


def test_recorded_response_becomes_printed_days(open_meteo_payload):
    days = parse_daily(open_meteo_payload)
    assert worded(days) == [
        "2日,多云,南风2~3级,-6~5℃",
        "3日,阴,北风3~4级,阵风7级,-4~3℃",
        "4日,小雪,东南风2~3级,-5~3℃",
    ]
    assert days[0]["gust_ms"] is None  # 9.8 m/s is force 5, below the printing threshold
    assert days[1]["gust_ms"] >= GUST_PRINT_FROM_MS


def provider(handler, **kwargs):
    return OpenMeteoProvider(
        places={"淄博": (36.81, 118.05)},
        transport=httpx.MockTransport(handler),
        sleep=lambda s: None,
        **kwargs,
    )


def test_request_asks_for_the_daily_fields_in_metres_per_second(open_meteo_payload):
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(200, json=open_meteo_payload)

    days = provider(handler).fetch("淄博", 3)
    assert len(days) == 3
    params = seen[0].url.params
    assert params["latitude"] == "36.81" and params["wind_speed_unit"] == "ms"
    assert "wind_direction_10m_dominant" in params["daily"]
    assert params["forecast_days"] == "3" and params["timezone"] == "Asia/Shanghai"


def test_retries_server_errors_and_timeouts_then_succeeds(open_meteo_payload):
    answers = iter(
        [
            httpx.ReadTimeout("slow"),
            httpx.Response(503),
            httpx.Response(200, json=open_meteo_payload),
        ]
    )
    sleeps = []

    def handler(request):
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    om = provider(handler, retries=3)
    om.sleep = sleeps.append
    assert len(om.fetch("淄博", 3)) == 3
    assert sleeps == [1.0, 2.0]


def test_gives_up_after_the_retries():
    calls = []

    def handler(request):
        calls.append(request)
        raise httpx.ConnectError("refused")

    with pytest.raises(ProviderError, match="连续 3 次失败"):
        provider(handler, retries=2).fetch("淄博", 3)
    assert len(calls) == 3


def test_client_errors_are_not_retried():
    calls = []

    def handler(request):
        calls.append(request)
        return httpx.Response(400, json={"error": True, "reason": "Latitude must be in range"})

    with pytest.raises(ProviderError, match="Latitude"):
        provider(handler).fetch("淄博", 3)
    assert len(calls) == 1


def test_unknown_weather_code_and_missing_fields_are_errors(open_meteo_payload):
    open_meteo_payload["daily"]["weather_code"][1] = 42
    with pytest.raises(ProviderError, match="42"):
        parse_daily(open_meteo_payload)
    del open_meteo_payload["daily"]["wind_speed_10m_max"]
    with pytest.raises(ProviderError, match="wind_speed_10m_max"):
        parse_daily(open_meteo_payload)
    with pytest.raises(ProviderError, match="daily"):
        parse_daily({"error": True})


def test_unknown_place_is_an_error():
    with pytest.raises(ProviderError, match="经纬度"):
        provider(lambda r: httpx.Response(500)).fetch("济南", 3)


def test_provider_from_settings(settings):
    settings.CHENBAO = {**settings.CHENBAO, "WEATHER_PROVIDER": "open-meteo"}
    assert provider_from_settings().name == "open-meteo"
    assert provider_from_settings("file").name == "file"
