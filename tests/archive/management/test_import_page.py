"""`chenbao import-page`: print a page model as JSON, or store it; bad files exit 2."""

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from django.core.management import CommandError, call_command

from chenbao.archive.reference import REFERENCE_PAGE
from chenbao.editions.models import PrintedPage

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[3] / "docs" / "schemas" / "page.schema.json").read_text()
)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from chenbao.cli import main; main()", *args],
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "chenbao.settings.test", "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_json_output_validates_against_the_schema():
    result = run_cli("import-page", str(REFERENCE_PAGE), "--json")
    assert result.returncode == 0, result.stderr
    model = json.loads(result.stdout)
    jsonschema.validate(model, SCHEMA)
    assert [b["name"] for b in model["stories"][0]["bylines"]] == [
        "任灵芝",
        "姜东林",
        "梁昊",
        "张晓军",
    ]
    assert [d["text"] for d in model["weather"]][0] == "2日,多云,南风2~3级增强至3~4级,-6~5℃"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\xff\xfe binary \x00" * 20, "binary"),
        ("天气预报 2日,多云,南风2~3级,-6~5℃".encode("gbk"), "UTF-8"),
    ],
)
def test_bad_files_get_one_line_and_exit_2(tmp_path, content, words):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run_cli("import-page", str(bad), "--json")
    assert result.returncode == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert words.lower() in message.lower()
    assert result.stdout == ""


def test_missing_file_exits_2(tmp_path):
    result = run_cli("import-page", str(tmp_path / "nope.txt"), "--json")
    assert result.returncode == 2
    assert "nope.txt" in result.stderr


@pytest.mark.django_db
def test_store_needs_date_and_page():
    with pytest.raises(CommandError, match="--page") as exc:
        call_command("import_page", str(REFERENCE_PAGE), "--date", "2022-12-02")
    assert exc.value.returncode == 2
    assert not PrintedPage.objects.exists()


@pytest.mark.django_db
def test_store_twice_keeps_one_page(capsys):
    for _ in range(2):
        call_command("import_page", str(REFERENCE_PAGE), "--date", "2022-12-02", "--page", "A02")
    assert PrintedPage.objects.count() == 1
    assert "2 stories, 3 forecast days, 1 ads, 0 unplaced" in capsys.readouterr().out
