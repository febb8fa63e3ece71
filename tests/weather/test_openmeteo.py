"""The Open-Meteo provider (recorded responses, no network)."""

import httpx
import pytest

from chenbao.weather import wording
from chenbao.weather.providers import ProviderError
from chenbao.weather.providers.openmeteo import (
    GUST_PRINT_FROM_MS,
    OpenMeteoProvider,
    parse_daily,
    wind_range,
)


def worded(days):
    return [wording.format_day(wording.day_from_data(day)) for day in days]


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
