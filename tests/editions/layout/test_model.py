"""The page model: the grid's arithmetic, stories cut to fit, pages' slots (layout/model.py)."""

from dataclasses import replace

import pytest

from chenbao.editions.layout.bands import Band, Placed
from chenbao.editions.layout.model import Block, Folio, Grid, Page, Slot, StoryContent


def test_a3_grid_has_six_equal_columns_filling_the_type_area():
    grid = Grid()
    assert grid.columns == 6
    assert abs(grid.column_x(5) + grid.column_width - grid.type_width) < 1e-9
    assert abs(grid.span_width(6) - grid.type_width) < 1e-9
    assert grid.span_width(2) == 2 * grid.column_width + grid.gutter


def test_truncated_story_keeps_whole_blocks_then_cuts_a_paragraph():
    s = StoryContent(
        "s",
        "题",
        blocks=(
            Block("paragraph", "一二三四五"),
            Block("subhead", "小标题"),
            Block("paragraph", "六七八九十"),
        ),
        bylines="记者 某某",
    )
    assert s.body_chars() == 5 + 3 + 5 + 5
    cut = s.truncated(10)
    assert [b.text for b in cut.blocks] == ["一二三四五", "小标题", "六七"]
    assert cut.bylines == ""
    assert s.truncated(100) == s


def test_the_type_area_is_the_paper_less_margins_and_the_folio_line():
    grid = Grid(
        width=300,
        height=400,
        margin_top=10,
        margin_bottom=20,
        margin_left=15,
        margin_right=5,
        folio_height=10,
        columns=4,
        gutter=4,
        rows=10,
    )
    assert grid.type_width == 280
    assert grid.type_height == 360
    assert grid.column_width == (280 - 3 * 4) / 4
    assert grid.row_height == 36
    assert grid.column_x(2) == 2 * (grid.column_width + 4)


def test_a_grid_of_no_rows_still_has_a_row_height():
    assert Grid(rows=0).row_height == Grid().type_height


def test_the_folio_credits_only_the_staff_it_names():
    folio = Folio("鲁中晨报", "2022年12月2日", "星期五", "A02", editor="王晓", proofreader="张敏")
    assert folio.staff() == "责任编辑 王晓\u2003校对 张敏"
    assert Folio("鲁中晨报", "2022年12月2日", "星期五", "A02", designer="  ").staff() == ""


def test_a_cut_stops_at_a_subhead_or_photo_it_cannot_keep_whole():
    s = StoryContent(
        "s",
        "题",
        blocks=(
            Block("paragraph", "一二三"),
            Block("image", "图说文字", image="/img/a.png", credit="摄"),
            Block("paragraph", "四五六"),
        ),
        bylines="记者",
    )
    assert s.body_chars() == 3 + 5 + 3 + 2
    assert [b.kind for b in s.truncated(5).blocks] == ["paragraph"]
    assert s.truncated(0).blocks == ()
    kept_all = s.truncated(11)
    assert len(kept_all.blocks) == 3 and kept_all.bylines == ""
    assert s.truncated(13).bylines == "记者"


def test_an_extent_ends_at_its_top_plus_its_height():
    assert Placed("s", 0, 6, 12.0, 40.5).bottom == 52.5
    assert Band(0, 1, 100.0, 0.0).bottom == 100.0


def test_a_page_finds_replaces_and_drops_slots_by_key():
    a = Slot("a", "story", col=0, span=3, height=50)
    b = Slot("b", "ad", col=3, span=3, height=50)
    page = Page("A02", Folio("鲁中晨报", "2022年12月2日", "星期五", "A02"), (a, b))
    assert page.slot("b") is b
    with pytest.raises(KeyError):
        page.slot("c")
    taller = replace(a, height=80)
    assert page.with_slot(taller).slots == (taller, b)
    assert page.with_slot(Slot("c", "story", col=0, span=1, height=1)).slots == (a, b)
    assert page.without_slot("a").slots == (b,)
    assert page.slots == (a, b)  # the page itself is unchanged
