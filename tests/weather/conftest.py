"""Fixtures of the weather desk: the reference page's forecast days as numbers."""

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

# The numbers behind the reference page's box (2022-12-02, page A02):
#   2日,多云,南风2~3级增强至3~4级,-6~5℃ / 3日,阴,南风2~3级转北风3~4级,-4~3℃ /
#   4日,阴,北风转东南风2~3级,-5~3℃
REFERENCE_DAYS = [
    {
        "date": "2022-12-02",
        "sky": ["多云"],
        "wind": [
            {"dir_deg": 180, "speed_min_ms": 2.0, "speed_max_ms": 5.0},
            {"dir_deg": 185, "speed_min_ms": 4.0, "speed_max_ms": 7.5},
        ],
        "gust_ms": None,
        "temp_min_c": -6.2,
        "temp_max_c": 4.8,
    },
    {
        "date": "2022-12-03",
        "sky": ["阴"],
        "wind": [
            {"dir_deg": 175, "speed_min_ms": 1.8, "speed_max_ms": 4.6},
            {"dir_deg": 10, "speed_min_ms": 3.6, "speed_max_ms": 7.2},
        ],
        "gust_ms": None,
        "temp_min_c": -3.6,
        "temp_max_c": 2.7,
    },
    {
        "date": "2022-12-04",
        "sky": ["阴"],
        "wind": [
            {"dir_deg": 350, "speed_min_ms": 2.1, "speed_max_ms": 4.4},
            {"dir_deg": 130, "speed_min_ms": 1.9, "speed_max_ms": 5.1},
        ],
        "gust_ms": None,
        "temp_min_c": -5.4,
        "temp_max_c": 3.2,
    },
]
REFERENCE_PHRASES = [
    "2日,多云,南风2~3级增强至3~4级,-6~5℃",
    "3日,阴,南风2~3级转北风3~4级,-4~3℃",
    "4日,阴,北风转东南风2~3级,-5~3℃",
]


@pytest.fixture
def reference_days() -> list[dict]:
    return json.loads(json.dumps(REFERENCE_DAYS))


@pytest.fixture
def open_meteo_payload() -> dict:
    return json.loads((FIXTURES / "open-meteo-zibo-daily.json").read_text(encoding="utf-8"))


@pytest.fixture
def reference_phrases() -> list[str]:
    return list(REFERENCE_PHRASES)
