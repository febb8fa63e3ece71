"""The weather box (天气预报): the page's printed forecast days. Typst part: typst/weather.typ.

The days themselves are written by the weather desk (chenbao/weather: wording and the box
fill); this module only sets them.
"""

from __future__ import annotations

from chenbao.editions.blocks.base import PageContext
from chenbao.editions.layout.arrange import weather_day
from chenbao.editions.layout.model import Slot, WeatherContent

TITLE = "天气预报"


def page_weather(printed) -> WeatherContent | None:
    """Return the page's weather box, or None when it prints no forecast."""
    days = list(printed.forecast_days.all())
    if not days:
        return None
    return WeatherContent(TITLE, tuple(weather_day(d.text) for d in days))


def slot(row, base: dict, ctx: PageContext, n: int) -> Slot:
    return Slot(**base, weather=ctx.weather or WeatherContent(TITLE, ()))


def web(slot: Slot) -> dict:
    """What the e-paper page shows of the box: each day's wording as printed."""
    assert slot.weather is not None
    return {"title": slot.weather.title, "days": [d.text for d in slot.weather.days]}
