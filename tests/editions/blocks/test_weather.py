"""The weather box as set from the page's printed forecast days (blocks/weather.py)."""

import datetime as dt
from types import SimpleNamespace

import pytest

from chenbao.editions.blocks.weather import TITLE, page_weather, slot, web
from chenbao.editions.layout.arrange import weather_day
from chenbao.editions.layout.model import WeatherContent
from chenbao.editions.services.pages import edition_page_ensure
from chenbao.weather.services import PrintedDay, forecast_days_store

BASE = {"key": "weather", "kind": "weather", "col": 4, "span": 2, "height": 60.0}


@pytest.mark.django_db
def test_the_box_holds_the_pages_days_in_order_split_for_setting():
    page = edition_page_ensure(date=dt.date(2022, 12, 2), number="A02", name="要闻")
    forecast_days_store(
        page=page,
        days=[PrintedDay("2日,多云,南风2~3级,-6~5℃"), PrintedDay("3日,晴,北风3~4级,-4~6℃")],
    )
    box = page_weather(page)
    assert box.title == TITLE == "天气预报"
    assert [(d.day, d.sky, d.wind, d.temperature) for d in box.days] == [
        ("2日", "多云", "南风2~3级", "-6~5℃"),
        ("3日", "晴", "北风3~4级", "-4~6℃"),
    ]


@pytest.mark.django_db
def test_a_page_that_prints_no_forecast_has_no_box():
    page = edition_page_ensure(date=dt.date(2022, 12, 2), number="A03")
    assert page_weather(page) is None


def test_the_slot_sets_the_pages_box_or_an_empty_one_and_the_epaper_shows_its_wording():
    box = WeatherContent(TITLE, (weather_day("2日,多云,南风2~3级,-6~5℃"),))
    made = slot(None, BASE, SimpleNamespace(weather=box), 1)
    assert (made.key, made.kind, made.col, made.span, made.weather) == (
        "weather",
        "weather",
        4,
        2,
        box,
    )
    assert web(made) == {"title": "天气预报", "days": ["2日,多云,南风2~3级,-6~5℃"]}
    empty = slot(None, BASE, SimpleNamespace(weather=None), 1)
    assert empty.weather == WeatherContent(TITLE, ())
    assert web(empty) == {"title": "天气预报", "days": []}
