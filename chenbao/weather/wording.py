"""The printed wording of a weather forecast day, both ways, and numbers -> wording.

Pure module: standard library only, no Django.

A printed day looks like ``2日,多云,南风2~3级增强至3~4级,-6~5℃``: the day of the month,
the sky (phenomena joined by ``转``), the wind, an optional gust (``阵风7级``) and the
temperature range, low to high, separated by the house style's comma.

Decisions:

* ``parse_day`` accepts both house styles (and a mix of them); ``format_day`` writes one.
  ``detect_style`` tells which style a printed day uses, so
  ``format_day(parse_day(t), style=detect_style(t)) == t`` for every canonical day.
* ``parse_day`` accepts sky words it does not know (old pages use local words); only
  ``day_from_data`` insists on ``KNOWN_PHENOMENA`` (names, or national codes such as "01"),
  and it prints a repeated phenomenon once (["多云", "多云"] is 多云).
* ``day_from_data`` words two wind periods as: one period when they word the same; 转 when
  the direction changes; else 增强至 or 减弱至 by comparing (upper, lower) force.
* A few printed forms have a shorter canonical form and are reworded by ``format_day``:
  ``3~3级`` is written ``3级``, and ``南风2~3级转北风2~3级`` is written ``南风转北风2~3级``.
* Temperatures are rounded to whole degrees half away from zero (-0.5 -> -1, 2.5 -> 3),
  on the decimal value as written (``repr``), so 2.675 is never seen as 2.67499….
* Wind directions: eight 45-degree sectors centred on 0 (北风), 45 (东北风) …, each
  half-open ``[centre - 22.5, centre + 22.5)``; so 22.5 is 东北风 and 337.5 is 北风.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


class WordingError(ValueError):
    """A forecast day that cannot be read or worded; the message names the day and field."""


@dataclass(frozen=True)
class HouseStyle:
    """The punctuation a paper prints its forecast with."""

    sep: str
    range: str


HOUSE_STYLES: dict[str, HouseStyle] = {
    "ascii": HouseStyle(sep=",", range="~"),
    "fullwidth": HouseStyle(sep="，", range="～"),
}

WIND_CHANGES = ("增强至", "减弱至", "转")

KNOWN_PHENOMENA: tuple[str, ...] = (
    "晴", "少云", "多云", "阴", "阵雨", "雷阵雨", "雷阵雨伴有冰雹", "雨夹雪",
    "小雨", "中雨", "大雨", "暴雨", "大暴雨", "特大暴雨", "阵雪", "小雪", "中雪", "大雪",
    "暴雪", "雾", "冻雨", "沙尘暴", "小到中雨", "中到大雨", "大到暴雨", "暴雨到大暴雨",
    "大暴雨到特大暴雨", "小到中雪", "中到大雪", "大到暴雪", "浮尘", "扬沙", "强沙尘暴", "霾",
)  # fmt: skip

PHENOMENON_CODES: dict[str, str] = {
    "00": "晴", "01": "多云", "02": "阴", "03": "阵雨", "04": "雷阵雨", "05": "雷阵雨伴有冰雹",
    "06": "雨夹雪", "07": "小雨", "08": "中雨", "09": "大雨", "10": "暴雨", "11": "大暴雨",
    "12": "特大暴雨", "13": "阵雪", "14": "小雪", "15": "中雪", "16": "大雪", "17": "暴雪",
    "18": "雾", "19": "冻雨", "20": "沙尘暴", "21": "小到中雨", "22": "中到大雨",
    "23": "大到暴雨", "24": "暴雨到大暴雨", "25": "大暴雨到特大暴雨", "26": "小到中雪",
    "27": "中到大雪", "28": "大到暴雪", "29": "浮尘", "30": "扬沙", "31": "强沙尘暴", "53": "霾",
}  # fmt: skip

DIRECTIONS: tuple[str, ...] = (
    "北风", "东北风", "东风", "东南风", "南风", "西南风", "西风", "西北风",
)  # fmt: skip

# GB/T 28591-2012: the lowest speed (m/s) of force 1, 2, … 17.
_FORCE_FLOORS = (
    0.3, 1.6, 3.4, 5.5, 8.0, 10.8, 13.9, 17.2, 20.8, 24.5, 28.5, 32.7, 37.0, 41.5, 46.2, 51.0, 56.1,
)  # fmt: skip
MAX_FORCE = len(_FORCE_FLOORS)

_DIR = r"偏?(?:东北|东南|西北|西南|东|南|西|北)风"
_FORCE = r"([0-9]{1,2})(?:[~～]([0-9]{1,2}))?级"
_WIND_ONE = re.compile(rf"({_DIR})?{_FORCE}")
_WIND_GRADUAL = re.compile(rf"({_DIR})?{_FORCE}(增强至|减弱至){_FORCE}")
_WIND_TURN_SAME = re.compile(rf"({_DIR})转({_DIR}){_FORCE}")
_WIND_TURN = re.compile(rf"({_DIR})?{_FORCE}转({_DIR})?{_FORCE}")
_DAY = re.compile(r"([0-9]{1,2})日")
_GUST = re.compile(r"阵风([0-9]{1,2})级")
_TEMP = re.compile(r"(-?[0-9]{1,2})[~～](-?[0-9]{1,2})℃")
_SKY_WORD = re.compile(r"[\u4e00-\u9fff]+")
_SEP = re.compile(r"[,，]")
_LINE_PREFIX = re.compile(r"^\s*天气预报[\s:：]*")
_DAY_SPLIT = re.compile(r"\s*[/／]\s*")


@dataclass(frozen=True)
class Wind:
    """One wind period: direction (None when not printed) and force range in 级."""

    direction: str | None
    force: tuple[int, int]


@dataclass
class ForecastDay:
    """One printed forecast day, parsed; ``text`` is the wording it came from."""

    day: int
    sky: list[str]
    wind: list[Wind]
    wind_change: str | None
    gust: int | None
    temp_min: int
    temp_max: int
    text: str


# ---------------------------------------------------------------- parsing


def _force(low: str, high: str | None, label: str) -> tuple[int, int]:
    lo = int(low)
    hi = lo if high is None else int(high)
    if lo > hi or hi > MAX_FORCE:
        raise WordingError(f"{label}，风：风力“{low}~{high}级”不合理")
    return (lo, hi)


def _parse_wind(text: str, label: str) -> tuple[list[Wind], str | None]:
    if m := _WIND_ONE.fullmatch(text):
        return [Wind(m[1], _force(m[2], m[3], label))], None
    if m := _WIND_GRADUAL.fullmatch(text):
        return [Wind(m[1], _force(m[2], m[3], label)), Wind(m[1], _force(m[5], m[6], label))], m[4]
    if m := _WIND_TURN_SAME.fullmatch(text):
        force = _force(m[3], m[4], label)
        return [Wind(m[1], force), Wind(m[2], force)], "转"
    if m := _WIND_TURN.fullmatch(text):
        return [Wind(m[1], _force(m[2], m[3], label)), Wind(m[4], _force(m[5], m[6], label))], "转"
    raise WordingError(f"{label}，风：无法识别“{text}”")


def _parse_sky(text: str, label: str) -> list[str]:
    sky = text.split("转")
    if not all(_SKY_WORD.fullmatch(word) for word in sky):
        raise WordingError(f"{label}，天气现象：无法识别“{text}”")
    return sky


def _parse_temp(text: str, label: str) -> tuple[int, int]:
    m = _TEMP.fullmatch(text)
    if not m:
        raise WordingError(f"{label}，气温：无法识别“{text}”（应为 低~高℃）")
    low, high = int(m[1]), int(m[2])
    if low > high:
        raise WordingError(f"{label}，气温：最低气温 {low} 高于最高气温 {high}")
    return low, high


def parse_day(text: str) -> ForecastDay:
    """Parse one printed day such as ``2日,多云,南风2~3级增强至3~4级,-6~5℃``.

    Both house styles are accepted. Raises WordingError naming the day and the field.
    """
    text = text.strip()
    fields = _SEP.split(text)
    label = fields[0] if _DAY.fullmatch(fields[0]) else f"“{text}”"
    if len(fields) not in (4, 5):
        raise WordingError(f"{label}：应有 日期、天气现象、风、（阵风、）气温 四或五项")
    day_match = _DAY.fullmatch(fields[0])
    if not day_match or not 1 <= int(day_match[1]) <= 31:
        raise WordingError(f"{label}，日期：无法识别“{fields[0]}”")
    sky = _parse_sky(fields[1], label)
    wind, change = _parse_wind(fields[2], label)
    gust = None
    if len(fields) == 5:
        gust_match = _GUST.fullmatch(fields[3])
        if not gust_match or int(gust_match[1]) > MAX_FORCE:
            raise WordingError(f"{label}，阵风：无法识别“{fields[3]}”")
        gust = int(gust_match[1])
    low, high = _parse_temp(fields[-1], label)
    return ForecastDay(int(day_match[1]), sky, wind, change, gust, low, high, text)


def split_forecast_line(text: str) -> list[str]:
    """Split a ``天气预报 2日,… / 3日,…`` line into the printed days (prefix optional)."""
    body = _LINE_PREFIX.sub("", text, count=1).strip()
    return [part for part in _DAY_SPLIT.split(body) if part] if body else []


def parse_forecast_line(text: str) -> list[ForecastDay]:
    """Parse a whole weather line: optional ``天气预报`` prefix, days split on `` / ``."""
    return [parse_day(part) for part in split_forecast_line(text)]


def detect_style(text: str) -> str:
    """Name the house style a printed day uses (``fullwidth`` if it has a full-width mark)."""
    return "fullwidth" if ("，" in text or "～" in text) else "ascii"


# ---------------------------------------------------------------- formatting


def _format_force(force: tuple[int, int], style: HouseStyle) -> str:
    low, high = force
    return f"{low}级" if low == high else f"{low}{style.range}{high}级"


def _format_wind(day: ForecastDay, style: HouseStyle) -> str:
    winds, change = day.wind, day.wind_change
    label = f"{day.day}日"
    if change is None and len(winds) == 1:
        first = winds[0]
        return f"{first.direction or ''}{_format_force(first.force, style)}"
    if len(winds) != 2 or change not in WIND_CHANGES:
        raise WordingError(f"{label}，风：{len(winds)} 段风配变化词“{change}”无法措辞")
    first, second = winds
    start = f"{first.direction or ''}{_format_force(first.force, style)}"
    end = f"{second.direction or ''}{_format_force(second.force, style)}"
    if change != "转":
        if first.direction != second.direction:
            raise WordingError(f"{label}，风：“{change}”要求前后风向相同")
        return f"{start}{change}{_format_force(second.force, style)}"
    if first.force == second.force and first.direction and second.direction:
        return f"{first.direction}转{second.direction}{_format_force(first.force, style)}"
    return f"{start}转{end}"


def format_day(day: ForecastDay, *, style: str = "ascii") -> str:
    """Word a forecast day in a house style: ``ascii`` (the reference page) or ``fullwidth``."""
    try:
        house = HOUSE_STYLES[style]
    except KeyError:
        raise WordingError(f"未知的版式“{style}”，可选：{', '.join(HOUSE_STYLES)}") from None
    if not day.sky:
        raise WordingError(f"{day.day}日，天气现象：为空")
    parts = [f"{day.day}日", "转".join(day.sky), _format_wind(day, house)]
    if day.gust is not None:
        parts.append(f"阵风{day.gust}级")
    parts.append(f"{day.temp_min}{house.range}{day.temp_max}℃")
    return house.sep.join(parts)


def day_to_dict(day: ForecastDay) -> dict[str, Any]:
    """The JSON shape of a forecast day (``force`` as a two-item list)."""
    return {
        "day": day.day,
        "sky": list(day.sky),
        "wind": [{"direction": w.direction, "force": [w.force[0], w.force[1]]} for w in day.wind],
        "wind_change": day.wind_change,
        "gust": day.gust,
        "temp_min": day.temp_min,
        "temp_max": day.temp_max,
        "text": day.text,
    }


def day_from_dict(data: dict[str, Any]) -> ForecastDay:
    """The inverse of ``day_to_dict``."""
    winds = [Wind(w["direction"], (int(w["force"][0]), int(w["force"][1]))) for w in data["wind"]]
    return ForecastDay(
        day=int(data["day"]),
        sky=list(data["sky"]),
        wind=winds,
        wind_change=data["wind_change"],
        gust=data["gust"],
        temp_min=int(data["temp_min"]),
        temp_max=int(data["temp_max"]),
        text=data["text"],
    )


# ---------------------------------------------------------------- numbers -> wording


def _finite(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise WordingError(f"{what}：应为数字，实为 {value!r}")
    return float(value)


def wind_force(speed_ms: float) -> int:
    """Wind force (级) for a speed in m/s, per GB/T 28591-2012 (0 to 17)."""
    speed = _finite(speed_ms, "风速")
    if speed < 0:
        raise WordingError(f"风速：不能为负数（{speed_ms}）")
    return bisect_right(_FORCE_FLOORS, speed)


def wind_direction(deg: float) -> str:
    """Name of the wind coming from ``deg`` degrees (0/360 北风, 90 东风), in 8 sectors."""
    angle = _finite(deg, "风向") % 360.0
    return DIRECTIONS[int((angle + 22.5) // 45.0) % 8]


def round_temp(value: float) -> int:
    """Round a temperature to whole degrees, half away from zero."""
    return int(Decimal(repr(float(value))).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _date_of(data: dict[str, Any]) -> dt.date:
    raw = data.get("date")
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        raise WordingError(f"预报日期（date）：无法识别“{raw}”，应为 YYYY-MM-DD") from None


def _sky_from_data(raw: Any, label: str) -> list[str]:
    if not isinstance(raw, list) or not raw:
        raise WordingError(f"{label}，天气现象（sky）：应为非空列表")
    sky: list[str] = []
    for item in raw:
        name = PHENOMENON_CODES.get(str(item).zfill(2), item) if str(item).isdigit() else item
        if name not in KNOWN_PHENOMENA:
            raise WordingError(f"{label}，天气现象（sky）：不认识“{item}”")
        if not sky or sky[-1] != name:
            sky.append(name)
    return sky


def _wind_period(raw: Any, label: str, index: int) -> Wind:
    what = f"{label}，第{index}段风（wind[{index - 1}]）"
    if not isinstance(raw, dict):
        raise WordingError(f"{what}：应为对象")
    low = _finite(raw.get("speed_min_ms"), f"{what}的最小风速 speed_min_ms")
    high = _finite(raw.get("speed_max_ms"), f"{what}的最大风速 speed_max_ms")
    if low < 0 or high < 0:
        raise WordingError(f"{what}：风速不能为负数（{low}~{high} m/s）")
    if low > high:
        raise WordingError(f"{what}：最小风速 {low} 大于最大风速 {high}")
    deg = raw.get("dir_deg")
    direction = None if deg is None else wind_direction(_finite(deg, f"{what}的风向 dir_deg"))
    return Wind(direction, (wind_force(low), wind_force(high)))


def _wind_from_data(raw: Any, label: str) -> tuple[list[Wind], str | None]:
    if not isinstance(raw, list) or not 1 <= len(raw) <= 2:
        raise WordingError(f"{label}，风（wind）：应有一段或两段")
    winds = [_wind_period(item, label, i) for i, item in enumerate(raw, start=1)]
    if len(winds) == 1 or winds[0] == winds[1]:
        return winds[:1], None
    first, second = winds
    if first.direction != second.direction:
        return winds, "转"
    stronger = (second.force[1], second.force[0]) > (first.force[1], first.force[0])
    return winds, "增强至" if stronger else "减弱至"


def _gust_from_data(raw: Any, winds: list[Wind], label: str) -> int | None:
    if raw is None:
        return None
    speed = _finite(raw, f"{label}，阵风（gust_ms）")
    if speed < 0:
        raise WordingError(f"{label}，阵风（gust_ms）：不能为负数（{speed}）")
    level = wind_force(speed)
    return level if level > max(w.force[1] for w in winds) else None


def _temps_from_data(data: dict[str, Any], label: str) -> tuple[int, int]:
    low = _finite(data.get("temp_min_c"), f"{label}，最低气温（temp_min_c）")
    high = _finite(data.get("temp_max_c"), f"{label}，最高气温（temp_max_c）")
    if low > high:
        raise WordingError(f"{label}，气温：最低气温 {low} 高于最高气温 {high}")
    return round_temp(low), round_temp(high)


def day_from_data(data: dict[str, Any], *, style: str = "ascii") -> ForecastDay:
    """Word a day of forecast data (date, sky, wind periods in m/s and degrees, temps in ℃).

    A gust is printed only when its force is above the strongest wind period's upper force.
    Raises WordingError naming the date and the field for data that cannot be worded.
    """
    when = _date_of(data)
    label = f"{when.isoformat()}（{when.day}日）"
    sky = _sky_from_data(data.get("sky"), label)
    winds, change = _wind_from_data(data.get("wind"), label)
    gust = _gust_from_data(data.get("gust_ms"), winds, label)
    low, high = _temps_from_data(data, label)
    day = ForecastDay(when.day, sky, winds, change, gust, low, high, text="")
    day.text = format_day(day, style=style)
    return day
