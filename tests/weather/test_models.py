"""Weather models: what the paper prints, and how the newsroom names a source."""

import datetime as dt

from chenbao.weather.models import Forecast, ForecastFetch, PrintedForecastDay

AT = dt.datetime(2022, 12, 1, 17, 5, tzinfo=dt.UTC)


def test_the_editors_override_is_printed_instead_of_the_automatic_wording():
    day = Forecast(location="淄博", date=dt.date(2022, 12, 2), text="2日,晴,-7~3℃", fetched_at=AT)
    assert day.printed_text == "2日,晴,-7~3℃"
    day.override_text = "2日,晴转多云,-7~3℃"
    assert day.printed_text == "2日,晴转多云,-7~3℃"
    assert str(day) == "淄博 2022-12-02 2日,晴转多云,-7~3℃"


def test_a_blank_override_falls_back_to_the_automatic_wording():
    day = Forecast(text="2日,晴,-7~3℃", override_text="   ")
    assert day.printed_text == "2日,晴,-7~3℃"


def test_known_sources_are_named_as_the_newsroom_names_them_and_others_as_they_are():
    assert Forecast(provider="file").provider_label == "气象台文件"
    assert ForecastFetch(provider="open-meteo").provider_label == "Open-Meteo"
    assert ForecastFetch(provider="radio").provider_label == "radio"


def test_a_fetch_reads_ok_or_the_start_of_its_error():
    ok = ForecastFetch(at=AT, provider="file", ok=True)
    failed = ForecastFetch(at=AT, provider="file", ok=False, error="气象台接口无响应" * 10)
    assert str(ok) == "2022-12-01 17:05 file OK"
    assert str(failed) == "2022-12-01 17:05 file " + ("气象台接口无响应" * 10)[:40]


def test_a_printed_day_reads_as_its_printed_text():
    assert str(PrintedForecastDay(text="3日,阴,-4~3℃")) == "3日,阴,-4~3℃"
