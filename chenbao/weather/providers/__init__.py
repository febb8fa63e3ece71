"""Forecast providers: where the weather box's numbers come from.

A provider has a `name` and `fetch(location, days)`, returning up to `days` forecast days
for `location`, each a dict in the shape `wording.day_from_data` reads:

    {"date": "2022-12-02", "sky": ["多云"],
     "wind": [{"dir_deg": 180, "speed_min_ms": 2.0, "speed_max_ms": 5.0}, …],
     "gust_ms": None, "temp_min_c": -6.2, "temp_max_c": 4.8}

A provider that cannot deliver raises ProviderError with a message for the night editor.
Providers are plain Python (no Django): settings are passed in by `provider_from_settings`
in `chenbao.weather.services`.
"""

from __future__ import annotations

from typing import Any, Protocol

DayData = dict[str, Any]


class ProviderError(Exception):
    """A provider could not deliver a forecast; the message says why, in Chinese."""


class ForecastProvider(Protocol):
    name: str

    def fetch(self, location: str, days: int) -> list[DayData]:
        """Return up to `days` forecast days for `location`, earliest first."""
        ...
