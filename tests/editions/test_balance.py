"""The floor under a story body's height that column balancing starts from (balance.py).

The floor is checked against what Typst sets; the pure cases below need no render.
"""

import json
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chenbao.editions.balance import body_floor
from chenbao.editions.engine import TypstEngine
from chenbao.editions.layout.arrange import arrange_page
from chenbao.editions.layout.model import Block, Folio, Grid, Slot, StoryContent
from chenbao.editions.typography import Typography

from .conftest import make_pages

FOLIO = Folio("鲁中晨报", "2022年12月2日", "星期五", "A01", "要闻")

# Pieces of every kind a story body meets, ideographs the most: CJK punctuation
# (compressible), quotes, ellipses and dashes, digits, Latin words, spaces, full-width
# forms, an emoji. (A run that might not break, such as a URL, is left to Typst.)
BODY_PIECES = [
    *"市民服务中心今天正式启用窗口群众" * 3,
    *"，。、；：？！“”《》（）",
    "……",
    "——",
    "5.34",
    "112%",
    "2022",
    "GDP",
    "WiFi ",
    " ",
    "１２Ａ",
    "·",
    "😀",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    paragraphs=st.lists(
        st.lists(st.sampled_from(BODY_PIECES), min_size=1, max_size=90).map("".join),
        min_size=1,
        max_size=6,
    ),
    subheads=st.integers(0, 2),
    dateline=st.sampled_from(["", "淄博12月1日讯", "本报讯"]),
    bylines=st.sampled_from(["", "本报记者 王晓明 通讯员 李华"]),
)
def test_body_floor_is_never_above_the_height_typst_sets(
    tmp_path_factory, paragraphs, subheads, dateline, bylines
):
    # Balancing starts from the floor and only grows: a floor above the true height would
    # leave the columns taller than they need be.
    engine = TypstEngine(root=tmp_path_factory.mktemp("floor"))
    blocks = [Block("paragraph", t) for t in paragraphs]
    for i in range(subheads):
        blocks.insert(1 + i * 2, Block("subhead", "工作稳步推进"))
    story = StoryContent("s", "标题", dateline=dateline, blocks=tuple(blocks), bylines=bylines)
    page = arrange_page(key="A01", folio=FOLIO, stories=[story])
    floors = {s.key: body_floor(s, page.grid, engine.typography) for s in page.slots if s.story}
    with mock.patch("chenbao.editions.engine.body_floor", return_value=None):  # Typst measures
        engine.measure(page, settle=False)
    measured = {
        m["key"]: m["body_total"]
        for m in json.loads(engine._compiler.query("<cb-slot>", field="value"))
        if m["kind"] == "story"
    }
    for key, floor in floors.items():
        # None: a run that might not break, which Typst measures.
        assert floor is None or floor <= measured[key] + 0.01, (key, floor, measured[key])


def test_body_floor_of_news_text_is_close_to_the_height_typst_sets(engine):
    # Close enough that starting from it costs less than measuring the body (mostly one
    # settling step inside the same compile): within 20 % on ordinary news copy.
    for page in make_pages(3):
        floors = {s.key: body_floor(s, page.grid, engine.typography) for s in page.slots}
        with mock.patch("chenbao.editions.engine.body_floor", return_value=None):
            engine.measure(page, settle=False)
        for m in json.loads(engine._compiler.query("<cb-slot>", field="value")):
            if m["kind"] == "story":
                assert 0.8 * m["body_total"] <= floors[m["key"]] <= m["body_total"] + 0.01


def test_a_body_with_a_photo_is_measured_by_typst(engine):
    story = StoryContent("s", "标题", blocks=(Block("image", "图", image="/x.png"),))
    page = arrange_page(key="A01", folio=FOLIO, stories=[story])
    assert body_floor(page.slots[0], page.grid, engine.typography) is None


SIZE, LEADING = Typography().body_size, Typography().leading  # 9.6 pt type, 4.6 pt between


def slot_of(*blocks: Block, dateline: str = "", bylines: str = "", span: int = 6, columns: int = 6):
    story = StoryContent("s", "标题", dateline=dateline, blocks=blocks, bylines=bylines)
    return Slot("s", "story", col=0, span=span, height=300, body_columns=columns, story=story)


def lines_height(lines: int) -> float:
    return lines * (SIZE + LEADING) - LEADING


def test_a_paragraph_of_ideographs_takes_the_lines_its_ems_fill():
    # Six columns of the A3 grid: (269 - 5 x 4) / 6 mm a column, 12.25 em of 9.6 pt.
    floor = body_floor(slot_of(Block("paragraph", "民" * 100)), Grid(), Typography())
    assert floor == pytest.approx(lines_height(9))  # 2 em of indent + 100 em = 8.3 lines
    one_column = body_floor(
        slot_of(Block("paragraph", "民" * 100), columns=1), Grid(), Typography()
    )
    assert one_column == pytest.approx(lines_height(2))  # 269 mm: 79.8 em a line


def test_punctuation_and_digits_are_counted_narrower_than_ideographs():
    # 36 characters each: 36 em of ideographs, 30 em with a half-em comma every third, 29.4
    # em with a digit every third (a line breaks for sure only between two ideographs).
    grid, typo = Grid(), Typography()
    assert body_floor(slot_of(Block("paragraph", "民" * 36)), grid, typo) == pytest.approx(
        lines_height(4)
    )
    narrow = body_floor(slot_of(Block("paragraph", "民民，" * 12)), grid, typo)
    assert narrow == pytest.approx(lines_height(3))
    digits = body_floor(slot_of(Block("paragraph", "民民1" * 12)), grid, typo)
    assert digits == pytest.approx(lines_height(3))
    # Marks between single ideographs leave no certain break: 46 characters unbroken.
    assert body_floor(slot_of(Block("paragraph", "民，" * 23)), grid, typo) is None


def test_subheads_bylines_and_the_dateline_add_their_own_space():
    grid, typo = Grid(), Typography()
    plain = body_floor(slot_of(Block("paragraph", "民" * 20)), grid, typo)
    assert plain == pytest.approx(lines_height(2))
    with_byline = body_floor(
        slot_of(Block("paragraph", "民" * 20), bylines="记者 某某"), grid, typo
    )
    assert with_byline == pytest.approx(plain + LEADING + SIZE * 0.88)
    with_subhead = body_floor(
        slot_of(Block("subhead", "小标题"), Block("paragraph", "民" * 20)), grid, typo
    )
    assert with_subhead == pytest.approx(SIZE * 1.02 + 4.4 + LEADING * 1.6 + plain)
    # The dateline and a one-em space run into the first paragraph: 2 + 6 + 1 + 4 em.
    dated = body_floor(slot_of(Block("paragraph", "民" * 4), dateline="淄博12月1日讯"), grid, typo)
    assert dated == pytest.approx(lines_height(2))
    only_dateline = body_floor(slot_of(dateline="本报讯"), grid, typo)
    assert only_dateline == pytest.approx(SIZE)


def test_no_floor_without_a_story_or_for_a_run_that_might_not_break():
    grid, typo = Grid(), Typography()
    empty = Slot("ad", "ad", col=0, span=2, height=50)
    assert body_floor(empty, grid, typo) is None
    url = "https://www.example.com/a/very/long/address"
    assert body_floor(slot_of(Block("paragraph", "详见" + url)), grid, typo) is None
    assert body_floor(slot_of(Block("paragraph", "详见" + url), columns=1), grid, typo) > 0
