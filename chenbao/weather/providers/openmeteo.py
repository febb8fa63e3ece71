"""The Open-Meteo provider: the public daily forecast API, through httpx.

Open-Meteo gives one wind value per day: the strongest hourly 10 m wind
(``wind_speed_10m_max``) and the dominant direction. A Chinese forecast prints a range
(``南风2~3级``), so the day becomes one wind period whose upper end is the daily maximum
and whose lower end is the lowest speed of the force one level below it (5.0 m/s is force
3, so the range starts at force 2's 1.6 m/s and prints ``2~3级``; calm days stay ``0级``).
The daily gust is passed on only from force 6 up: a moderate gust above a light wind is
normal and papers do not print it. WMO weather codes map to the national phenomenon names
in ``WMO_PHENOMENA``; a code not in the table is an error, never a guess.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from chenbao.weather.providers import DayData, ProviderError

FORECAST_URL = "https://api.open-meteo.com/v1/forecast"
DAILY_FIELDS = (
    "weather_code",
    "temperature_2m_max",
    "temperature_2m_min",
    "wind_speed_10m_max",
    "wind_gusts_10m_max",
    "wind_direction_10m_dominant",
)

# WMO 4677 codes as Open-Meteo uses them -> the national forecast phenomenon names.
WMO_PHENOMENA: dict[int, str] = {
    0: "晴", 1: "晴", 2: "多云", 3: "阴",
    45: "雾", 48: "雾",
    51: "小雨", 53: "小雨", 55: "小雨", 56: "冻雨", 57: "冻雨",
    61: "小雨", 63: "中雨", 65: "大雨", 66: "冻雨", 67: "冻雨",
    71: "小雪", 73: "中雪", 75: "大雪", 77: "小雪",
    80: "阵雨", 81: "阵雨", 82: "阵雨",
    85: "阵雪", 86: "阵雪",
    95: "雷阵雨", 96: "雷阵雨伴有冰雹", 99: "雷阵雨伴有冰雹",
}  # fmt: skip

# GB/T 28591-2012: the lowest speed (m/s) of force 0, 1, 2, … 17.
_FORCE_FLOORS = (
    0.0, 0.3, 1.6, 3.4, 5.5, 8.0, 10.8, 13.9, 17.2, 20.8, 24.5, 28.5, 32.7, 37.0, 41.5, 46.2,
    51.0, 56.1,
)  # fmt: skip
GUST_PRINT_FROM_MS = 10.8  # force 6
_RETRY_STATUS = {429, 500, 502, 503, 504}


def _force(speed: float) -> int:
    return max(i for i, floor in enumerate(_FORCE_FLOORS) if speed >= floor)


def wind_range(speed_max_ms: float) -> tuple[float, float]:
    """Return (min, max) m/s: from the floor of the force below the maximum's, to the maximum."""
    below = max(_force(speed_max_ms) - 1, 0)
    return _FORCE_FLOORS[below], speed_max_ms


class OpenMeteoProvider:
    """Fetch daily forecasts from Open-Meteo for places given as latitude/longitude."""

    name = "open-meteo"

    def __init__(
        self,
        *,
        places: dict[str, tuple[float, float]],
        url: str = FORECAST_URL,
        timezone: str = "Asia/Shanghai",
        timeout_s: float = 10.0,
        retries: int = 3,
        backoff_s: float = 1.0,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.places = places
        self.url = url
        self.timezone = timezone
        self.timeout = httpx.Timeout(timeout_s, connect=min(timeout_s, 5.0))
        self.retries = retries
        self.backoff_s = backoff_s
        self.transport = transport
        self.sleep = sleep

    def fetch(self, location: str, days: int) -> list[DayData]:
        if location not in self.places:
            raise ProviderError(f"未设置“{location}”的经纬度（CHENBAO_WEATHER_LATITUDE/LONGITUDE）")
        latitude, longitude = self.places[location]
        params = {
            "latitude": latitude,
            "longitude": longitude,
            "daily": ",".join(DAILY_FIELDS),
            "wind_speed_unit": "ms",
            "timezone": self.timezone,
            "forecast_days": days,
        }
        return parse_daily(self._get(params))[:days]

    def _get(self, params: dict[str, Any]) -> Any:
        last = ""
        with httpx.Client(timeout=self.timeout, transport=self.transport) as client:
            for attempt in range(self.retries + 1):
                if attempt:
                    self.sleep(self.backoff_s * 2 ** (attempt - 1))
                try:
                    response = client.get(self.url, params=params)
                except httpx.TimeoutException:
                    last = "请求超时"
                    continue
                except httpx.TransportError as exc:
                    last = f"连接失败（{type(exc).__name__}）"
                    continue
                if response.status_code in _RETRY_STATUS:
                    last = f"服务器返回 {response.status_code}"
                    continue
                if response.status_code != 200:
                    raise ProviderError(
                        f"Open-Meteo 拒绝请求：{response.status_code} {_reason(response)}"
                    )
                try:
                    return response.json()
                except ValueError:
                    raise ProviderError("Open-Meteo 返回的不是 JSON") from None
        raise ProviderError(f"Open-Meteo 连续 {self.retries + 1} 次失败：{last}")


def _reason(response: httpx.Response) -> str:
    try:
        return str(response.json().get("reason", ""))[:200]
    except ValueError:
        return ""


def parse_daily(payload: Any) -> list[DayData]:
    """Turn an Open-Meteo daily response into day dicts (the `day_from_data` shape)."""
    daily = payload.get("daily") if isinstance(payload, dict) else None
    if not isinstance(daily, dict) or "time" not in daily:
        raise ProviderError("Open-Meteo 的回应中没有 daily 数据")
    missing = [field for field in DAILY_FIELDS if field not in daily]
    if missing:
        raise ProviderError(f"Open-Meteo 的回应缺少：{', '.join(missing)}")
    days: list[DayData] = []
    for i, date in enumerate(daily["time"]):
        values = {field: daily[field][i] for field in DAILY_FIELDS}
        absent = [field for field, value in values.items() if value is None]
        if absent:
            raise ProviderError(f"Open-Meteo {date}：缺少 {', '.join(absent)}")
        code = int(values["weather_code"])
        if code not in WMO_PHENOMENA:
            raise ProviderError(f"Open-Meteo {date}：不认识的天气代码 {code}")
        low, high = wind_range(float(values["wind_speed_10m_max"]))
        gust = float(values["wind_gusts_10m_max"])
        days.append(
            {
                "date": date,
                "sky": [WMO_PHENOMENA[code]],
                "wind": [
                    {
                        "dir_deg": float(values["wind_direction_10m_dominant"]),
                        "speed_min_ms": low,
                        "speed_max_ms": high,
                    }
                ],
                "gust_ms": gust if gust >= GUST_PRINT_FROM_MS else None,
                "temp_min_c": float(values["temperature_2m_min"]),
                "temp_max_c": float(values["temperature_2m_max"]),
            }
        )
    return days
