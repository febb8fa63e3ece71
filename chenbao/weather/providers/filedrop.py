"""The file-drop provider: the local meteorological bureau's forecast file (CSV or JSON).

The bureau (or a script on its side) drops a file into a folder; the newest ``*.csv`` or
``*.json`` there is read (or one named file). Both formats are described in
docs/weather-desk.md; in short:

CSV (UTF-8, a header row; one row per place and day)::

    location,date,sky,wind1_dir_deg,wind1_min_ms,wind1_max_ms,wind2_dir_deg,wind2_min_ms,wind2_max_ms,gust_ms,temp_min_c,temp_max_c
    淄博,2022-12-02,多云,180,2.0,5.0,185,4.0,7.5,,-6.2,4.8

``sky`` holds phenomenon names or national codes (``01``), several joined by ``转`` or
``/``; the second wind period and the gust may be left empty.

JSON::

    {"issued_at": "2022-12-01T17:00:00+08:00",
     "forecasts": {"淄博": [<day in the day_from_data shape>, …]}}
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from chenbao.weather.providers import DayData, ProviderError

CSV_COLUMNS = (
    "location", "date", "sky",
    "wind1_dir_deg", "wind1_min_ms", "wind1_max_ms",
    "wind2_dir_deg", "wind2_min_ms", "wind2_max_ms",
    "gust_ms", "temp_min_c", "temp_max_c",
)  # fmt: skip
_SKY_SPLIT = re.compile(r"[转/／]")


class FileDropProvider:
    """Read forecasts from a bureau file, or from the newest file in a drop folder."""

    name = "file"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path) if str(path) else None

    def fetch(self, location: str, days: int) -> list[DayData]:
        source = self._source()
        try:
            text = source.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ProviderError(f"无法读取气象台文件 {source.name}：{exc}") from exc
        if source.suffix.lower() == ".json":
            by_place = _read_json(text, source.name)
        else:
            by_place = _read_csv(text, source.name)
        found = by_place.get(location)
        if not found:
            places = "、".join(by_place) or "无"
            raise ProviderError(
                f"气象台文件 {source.name} 中没有“{location}”的预报（有：{places}）"
            )
        return sorted(found, key=lambda day: str(day["date"]))[:days]

    def _source(self) -> Path:
        if self.path is None:
            raise ProviderError("未设置气象台文件（CHENBAO_WEATHER_FILE）")
        if self.path.is_dir():
            files = [p for p in self.path.iterdir() if p.suffix.lower() in (".csv", ".json")]
            if not files:
                raise ProviderError(f"文件夹 {self.path} 中没有气象台文件（.csv 或 .json）")
            return max(files, key=lambda p: (p.stat().st_mtime, p.name))
        if not self.path.exists():
            raise ProviderError(f"找不到气象台文件 {self.path}")
        return self.path


def _number(raw: str, where: str) -> float | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        raise ProviderError(f"{where}：“{raw}”不是数字") from None


def _read_csv(text: str, name: str) -> dict[str, list[DayData]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ProviderError(f"气象台文件 {name} 缺少列：{', '.join(missing)}")
    by_place: dict[str, list[DayData]] = {}
    for line_no, row in enumerate(reader, start=2):
        where = f"{name} 第{line_no}行"
        if not any((value or "").strip() for value in row.values()):
            continue
        winds = []
        for period in ("wind1", "wind2"):
            low = _number(row[f"{period}_min_ms"] or "", f"{where} {period}_min_ms")
            high = _number(row[f"{period}_max_ms"] or "", f"{where} {period}_max_ms")
            if low is None and high is None:
                continue
            winds.append(
                {
                    "dir_deg": _number(row[f"{period}_dir_deg"] or "", f"{where} {period}_dir_deg"),
                    "speed_min_ms": low,
                    "speed_max_ms": high,
                }
            )
        day: DayData = {
            "date": (row["date"] or "").strip(),
            "sky": [w for w in _SKY_SPLIT.split((row["sky"] or "").strip()) if w],
            "wind": winds,
            "gust_ms": _number(row["gust_ms"] or "", f"{where} gust_ms"),
            "temp_min_c": _number(row["temp_min_c"] or "", f"{where} temp_min_c"),
            "temp_max_c": _number(row["temp_max_c"] or "", f"{where} temp_max_c"),
        }
        by_place.setdefault((row["location"] or "").strip(), []).append(day)
    return by_place


def _read_json(text: str, name: str) -> dict[str, list[DayData]]:
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProviderError(
            f"气象台文件 {name} 不是有效的 JSON：第{exc.lineno}行 {exc.msg}"
        ) from exc
    forecasts = data.get("forecasts") if isinstance(data, dict) else None
    if not isinstance(forecasts, dict) or not all(isinstance(v, list) for v in forecasts.values()):
        raise ProviderError(f"气象台文件 {name} 应有 forecasts：{{地点: [每日预报, …]}}")
    return {str(place): list(days) for place, days in forecasts.items()}
