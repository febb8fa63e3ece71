"""The reference page's print details, read back from its PDF: Chinese punctuation, the
dateline and dates whole, the folio's names, no blank band, no over-spread line."""

import io
import json
import re

import pdfplumber
import pytest
from django.core.files.storage import FileSystemStorage

from chenbao.editions.layout.model import PT_PER_MM, Grid
from chenbao.editions.models import Edition
from chenbao.editions.services.publish import edition_publish

GRID = Grid()
HAN = r"[\u4e00-\u9fff]"


@pytest.fixture
def printed(reference_page, tmp_path):
    reference_page.editor, reference_page.designer, reference_page.proofreader = (
        "王晓",
        "李娜",
        "张敏",
    )
    reference_page.save()
    result = edition_publish(
        edition=Edition.objects.get(pk=reference_page.edition_id),
        storage=FileSystemStorage(location=str(tmp_path)),
    )
    folder = tmp_path / "2022-12-02"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    pdf = (folder / "A02.pdf").read_bytes()
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        text = page.extract_text()
        objects = [*page.chars, *page.rects, *page.lines, *page.images]
        chars = list(page.chars)
    return {
        "result": result,
        "manifest": manifest,
        "pdf": pdf,
        "text": text,
        "objects": objects,
        "chars": chars,
    }


def test_no_half_width_mark_between_chinese_characters(printed):
    text = printed["text"]
    assert re.findall(f"{HAN}[,?;!]|[,?;!]{HAN}", text) == []
    assert "进展如何？" in text  # the dump's "如何?" prints full width


def test_the_folio_prints_the_page_staff(printed):
    first_lines = "".join(printed["text"].splitlines()[:2])
    for words in ("责任编辑", "王晓", "美编", "李娜", "校对", "张敏"):
        assert words in first_lines
    assert (
        printed["manifest"]["pages"]["A02"]["staff"]
        == "责任编辑 王晓\u2003美编 李娜\u2003校对 张敏"
    )


def body_lines(printed) -> list[list[dict]]:
    """The characters of every line of every story body, each line left to right.

    A story's body columns need not be the grid's (a story may be set in fewer, wider
    columns than it spans): they are read from the area's body box and column count.
    """
    scale = 72 / 150
    gutter = GRID.gutter * PT_PER_MM
    lines: dict[tuple, list[dict]] = {}
    for n, area in enumerate(printed["manifest"]["pages"]["A02"]["areas"]):
        left, top, right, bottom = (v * scale for v in area["body"])
        count = max(1, area["columns"])
        width = (right - left - (count - 1) * gutter) / count
        for c in printed["chars"]:
            middle = (c["x0"] + c["x1"]) / 2
            if not (left - 1 <= middle <= right + 1 and top - 1 <= c["top"] <= bottom + 1):
                continue
            col = min(count - 1, int((middle - left) // (width + gutter)))
            lines.setdefault((n, col, round(c["top"])), []).append(c)
    return [sorted(chars, key=lambda c: c["x0"]) for _key, chars in sorted(lines.items())]


def test_dates_and_the_dateline_are_never_broken(printed):
    lines = ["".join(c["text"] for c in line) for line in body_lines(printed)]
    assert any("淄博12月1日讯" in line for line in lines)
    for line, after in zip(lines, lines[1:], strict=False):
        # 12月 / 1日, 2022年 / 12月, 11. / 06亿元, 11.06 / 亿元 are all broken numbers.
        broken = re.search(r"[0-9][年月.:]?$", line) and re.match(r"[0-9.:年月日亿万元%]", after)
        assert not broken, (line, after)


def test_no_blank_band_over_ten_millimetres(printed):
    """No stretch of a grid column that neither a slot nor anything printed covers."""
    assert [p for p in printed["result"].problems if p.kind == "blank"] == []
    scale = 72 / 150
    slots = [  # a story's own white (around its headline) is not a band
        dict(zip(("x0", "top", "x1", "bottom"), (v * scale for v in a["coords"]), strict=True))
        for a in printed["manifest"]["pages"]["A02"]["areas"]
    ]
    top = (GRID.margin_top + GRID.folio_height) * PT_PER_MM
    bottom = (GRID.height - GRID.margin_bottom) * PT_PER_MM
    for col in range(GRID.columns):
        x0 = (GRID.margin_left + GRID.column_x(col)) * PT_PER_MM
        x1 = x0 + GRID.column_width * PT_PER_MM
        spans = sorted(
            (o["top"], o["bottom"])
            for o in [*printed["objects"], *slots]
            if o["x1"] > x0 + 1 and o["x0"] < x1 - 1 and o["bottom"] > top and o["top"] < bottom
        )
        reach = top
        widest = 0.0
        for start, end in spans:
            widest = max(widest, start - reach)
            reach = max(reach, end)
        widest = max(widest, bottom - reach)
        assert widest / PT_PER_MM <= 10.0, (col + 1, widest / PT_PER_MM)


def test_no_justified_body_line_is_spread_wider_than_a_quarter_em(printed):
    """Between two Chinese characters of one body line, no more than ¼ em of extra space."""
    widest, where = 0.0, ""
    for line in body_lines(printed):
        for a, b in zip(line, line[1:], strict=False):
            if re.match(HAN, a["text"]) and re.match(HAN, b["text"]):
                gap = (b["x0"] - a["x1"]) / a["size"]
                if gap > widest:
                    widest, where = gap, "".join(c["text"] for c in line)
    assert widest <= 0.25, (widest, where)


def _ad_lines_printed(reference_page, tmp_path, slogan_line: int) -> list[tuple[str, float, bool]]:
    """The public-service ad's lines as printed, top to bottom: (start, size, red)."""
    from chenbao.ads.models import AdPlacement

    AdPlacement.objects.filter(page=reference_page).update(slogan_line=slogan_line)
    edition_publish(
        edition=Edition.objects.get(pk=reference_page.edition_id),
        storage=FileSystemStorage(location=str(tmp_path)),
    )
    with pdfplumber.open(io.BytesIO((tmp_path / "2022-12-02" / "A02.pdf").read_bytes())) as doc:
        chars = [c for c in doc.pages[0].chars if c["text"].strip()]
    ad_lines = ("一路文明行驶", "一盔一带", "遵守交通", "讲文明")
    text = "".join(c["text"] for c in chars)
    rows = []
    for start in ad_lines:
        first = chars[text.rindex(start)]  # the ad is the page's last block
        red = tuple(first["non_stroking_color"]) != (0, 0, 0, 1)
        rows.append((first["top"], start, round(first["size"], 1), red))
    return [row[1:] for row in sorted(rows)]


def test_the_ad_keeps_its_lines_in_order_and_the_booked_slogan_is_the_big_red_one(
    reference_page, tmp_path
):
    """The ad desk books which line is the slogan (标语行); without one, the shortest is."""
    order = ["一路文明行驶", "一盔一带", "遵守交通", "讲文明"]
    booked = _ad_lines_printed(reference_page, tmp_path / "booked", slogan_line=3)
    assert [r[0] for r in booked] == order  # as booked
    red = [text for text, _size, is_red in booked if is_red]
    assert red == ["遵守交通"], booked
    sizes = {text: size for text, size, _red in booked}
    assert sizes["遵守交通"] > max(v for k, v in sizes.items() if k != "遵守交通")
    # Without a booked slogan the shortest line is the one (讲文明 树新风 in this ad).
    automatic = _ad_lines_printed(reference_page, tmp_path / "automatic", slogan_line=0)
    assert [r[0] for r in automatic] == order
    assert [text for text, _size, is_red in automatic if is_red] == ["讲文明"], automatic
