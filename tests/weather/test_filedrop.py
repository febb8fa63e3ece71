"""The bureau's file drop provider: CSV or JSON files, a drop folder's newest file."""

import json
import os

import pytest

from chenbao.weather import wording
from chenbao.weather.providers import ProviderError
from chenbao.weather.providers.filedrop import CSV_COLUMNS, FileDropProvider

SAMPLE = "chenbao/weather/fixtures/bureau-sample.csv"


def worded(days):
    return [wording.format_day(wording.day_from_data(day)) for day in days]


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
