"""`chenbao render` on the reference page: PDF, PNG and e-paper HTML, read back; its errors
and progress bar (management/commands/render.py)."""

import difflib
import io
import re

import pdfplumber
from django.core.management import call_command
from PIL import Image

from chenbao.core.punctuation import zh_punctuation
from chenbao.core.roles import CHIEF_EDITOR
from chenbao.editions.layout.clreq import line_faults
from chenbao.stories.models import StoryPage

from .conftest import squash


def _story_text(story: StoryPage) -> str:
    parts = [story.dateline]
    for block in story.body:
        if block.block_type in ("paragraph", "subhead"):
            parts.append(str(block.value))
    return squash(zh_punctuation("".join(parts)))  # print sets Chinese marks (0024)


def test_render_writes_pdf_png_and_epaper_with_every_story_in_order(
    reference_page, publish_dir, manifest_of, read_columns
):
    call_command("render", date="2022-12-02", out=str(publish_dir), no_progress=True)
    folder = publish_dir / "2022-12-02"
    for name in ["A02.pdf", "A02.png", "A02-thumb.png", "A02.html", "edition.pdf", "index.html"]:
        assert (folder / name).stat().st_size > 0, name
    assert (publish_dir / "index.html").exists()

    manifest = manifest_of(folder)
    page = manifest["pages"]["A02"]
    with Image.open(folder / "A02.png") as im:
        assert im.size == (page["width_px"], page["height_px"]) == (1754, 2480)
    assert page["problems"] == []

    stories = [p.story for p in reference_page.story_placements.order_by("sort_order")]
    assert [a["title"] for a in page["areas"]] == [zh_punctuation(s.title) for s in stories]
    pdf = (folder / "A02.pdf").read_bytes()
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        whole = squash(doc.pages[0].extract_text())
    for story, area in zip(stories, page["areas"], strict=True):
        assert squash(zh_punctuation(story.title)) in whole
        columns = read_columns(pdf, area, ppi=150)
        assert len(columns) == area["columns"]
        # The body, read column after column, is the story's text in order, all of it.
        read = squash("".join("".join(c) for c in columns))
        expected = _story_text(story)
        if expected not in read:
            sm = difflib.SequenceMatcher(None, expected, read, autojunk=False)
            diffs = [
                (t, expected[i1 - 5 : i2 + 5], read[j1 - 5 : j2 + 5])
                for t, i1, i2, j1, j2 in sm.get_opcodes()
                if t != "equal"
            ]
            raise AssertionError(diffs[:5])
        # Bylines as printed: the organisation once, then role and names.
        assert squash(story.byline_text()) in read

    html = (folder / "A02.html").read_text(encoding="utf-8")
    # Each story's area is a link laid over the page image, in page order (decision 0020).
    links = re.findall(r'<a class="area" id="area-[^"]+" href="([^"]+)"', html)
    assert len(links) == len(stories) == 2
    for href, story, area in zip(links, stories, page["areas"], strict=True):
        assert href.endswith(story.url)
        left, top, right, bottom = area["coords"]
        assert 0 <= left < right <= 1754 and 0 <= top < bottom <= 2480


def test_reference_page_breaks_no_chinese_line_rule(
    reference_page, publish_dir, manifest_of, read_columns
):
    call_command("render", date="2022-12-02", out=str(publish_dir), no_progress=True)
    folder = publish_dir / "2022-12-02"
    pdf = (folder / "A02.pdf").read_bytes()
    lines = 0
    for area in manifest_of(folder)["pages"]["A02"]["areas"]:
        for column in read_columns(pdf, area, ppi=150):
            lines += len(column)
            assert line_faults(column) == []
    assert lines > 150


def test_second_run_rewrites_nothing(reference_page, publish_dir, capsys):
    call_command("render", date="2022-12-02", out=str(publish_dir), no_progress=True)
    before = {p: p.stat().st_mtime_ns for p in publish_dir.rglob("*") if p.is_file()}
    call_command("render", date="2022-12-02", out=str(publish_dir), no_progress=True)
    out = capsys.readouterr().out
    assert "重排 0 版" in out
    after = {p: p.stat().st_mtime_ns for p in publish_dir.rglob("*") if p.is_file()}
    assert before == after


def test_unknown_date_is_a_clear_error(db, publish_dir):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有这一期报纸"):
        call_command("render", date="1999-01-01", out=str(publish_dir), no_progress=True)


def test_a_withdrawn_story_leaves_the_republished_epaper(
    reference_page, publish_dir, manifest_of, make_user
):
    from chenbao.stories.services import story_withdraw

    story = StoryPage.objects.get(title="民生建设进展如何?")
    story_withdraw(story=story, user=make_user("chief", CHIEF_EDITOR), reason="数据有误")
    call_command("render", date="2022-12-02", out=str(publish_dir), no_progress=True)
    folder = publish_dir / "2022-12-02"
    titles = [a["title"] for a in manifest_of(folder)["pages"]["A02"]["areas"]]
    assert titles == ["淄博市委常委会召开会议"]
    assert story.url not in (folder / "A02.html").read_text(encoding="utf-8")


def test_a_date_not_written_as_a_date_is_refused_before_anything_is_read(db, publish_dir):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="日期格式不对：2022/12/02"):
        call_command("render", date="2022/12/02", out=str(publish_dir), no_progress=True)


def test_without_a_date_and_without_editions_there_is_nothing_to_render(db, publish_dir):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="无任何期次"):
        call_command("render", out=str(publish_dir), no_progress=True)


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_the_progress_bar_redraws_one_line_on_a_terminal():
    from chenbao.editions.management.commands.render import ProgressBar

    out = Terminal()
    bar = ProgressBar(out, width=10)
    bar("A01", 1, 4)
    bar("A04", 4, 4)
    bar.close()
    assert out.getvalue() == (
        "\r[" + "█" * 2 + "░" * 8 + "] 1/4 A01" + "\r[" + "█" * 10 + "] 4/4 A04\n"
    )


def test_the_progress_bar_writes_plain_lines_elsewhere_and_survives_no_pages():
    from chenbao.editions.management.commands.render import ProgressBar

    out = io.StringIO()
    bar = ProgressBar(out, width=4)
    bar("A01", 1, 2)
    bar("", 0, 0)
    bar.close()
    assert out.getvalue() == "[██░░] 1/2 A01\n[░░░░] 0/0 \n"
