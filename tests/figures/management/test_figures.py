"""`manage.py figures`: extract from a file, reread every story, the weekly digest."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from chenbao.core.roles import DATA_DESK, REPORTER
from chenbao.figures import services
from tests.factories import user_make
from tests.figures.world import BODY_2022, story_of


@pytest.fixture
def desk(db):
    return user_make(DATA_DESK)


def test_digest_and_reread_commands(desk):
    from io import StringIO

    from django.core import mail
    from django.core.management import CommandError, call_command

    services.pledge_create(
        title="新建公园10处",
        owner="市园林局",
        place="淄博",
        deadline=dt.date(2023, 1, 1),
        user=desk,
    )
    story_of(BODY_2022)
    out = StringIO()
    call_command("figures", "digest", "--date", "2023-06-01", stdout=out)
    text = out.getvalue()
    assert "逾期待核：1 项" in text and "新建公园10处" in text
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("figures", "digest", "--date", "明天", stdout=StringIO())
    # --mail sends it to the data desk's editors who have an address, and no one else
    user_make(DATA_DESK, email=True)
    user_make(REPORTER, email=True)
    out = StringIO()
    call_command("figures", "digest", "--date", "2023-06-01", "--mail", stdout=out)
    assert "已发给数据编辑 1 人" in out.getvalue()
    assert len(mail.outbox) == 1 and "新建公园10处" in mail.outbox[0].body
    assert all(a.startswith("data_desk") for a in mail.outbox[0].to)
    out = StringIO()
    call_command("figures", "reread", stdout=out, stderr=StringIO())
    assert "重读 1 篇稿件，得到待确认数据 4 个" in out.getvalue()


def run(*args) -> str:
    out = StringIO()
    call_command("figures", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_extract_prints_a_line_per_figure_and_a_count(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("淄博讯 全市城镇新增就业5.34万人,新改扩建幼儿园42所。", encoding="utf-8")
    lines = run("extract", str(story)).splitlines()
    assert lines[-1] == "共 2 个数字"
    assert [line.split("\t")[:4] for line in lines[:-1]] == [
        ["5.34万人", "53400", "人", "figure"],
        ["42所", "42", "所", "figure"],
    ]


def test_extract_as_json(tmp_path):
    story = tmp_path / "story.txt"
    story.write_bytes("\ufeff累计加装电梯186部。".encode())  # a byte order mark is fine
    figures = json.loads(run("extract", str(story), "--json"))["figures"]
    assert [f["text"] for f in figures] == ["186部"]


def test_extract_refuses_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(CommandError, match="读不了文件"):
        run("extract", str(tmp_path / "nosuch.txt"))
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("累计加装电梯186部。".encode("gbk"))
    with pytest.raises(CommandError, match="不是 UTF-8 文本"):
        run("extract", str(gbk))


def test_extract_refuses_a_text_too_large(tmp_path, monkeypatch):
    from chenbao.figures.management.commands import figures

    monkeypatch.setattr(figures, "MAX_BYTES", 10)
    big = tmp_path / "big.txt"
    big.write_text("一二三四五六七八", encoding="utf-8")
    with pytest.raises(CommandError, match="请分开提交"):
        run("extract", str(big))


def test_the_digest_without_data_desk_addresses_is_not_sent(desk):
    assert "没有留邮箱的数据编辑，未发送" in run("digest", "--date", "2023-06-01", "--mail")


def test_reread_in_small_batches_reads_every_story(desk):
    story_of(BODY_2022, title="一")
    story_of(BODY_2022, title="二")
    assert "重读 2 篇稿件，得到待确认数据 8 个" in run("reread", "--batch", "1")
