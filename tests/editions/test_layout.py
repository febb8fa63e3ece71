"""The pure page make-up: grid, automatic arrangement, slot checks, weather lines, CLREQ."""

from chenbao.editions.layout.arrange import (
    arrange_page,
    headline_size,
    validate_slots,
    weather_day,
)
from chenbao.editions.layout.clreq import line_faults
from chenbao.editions.layout.model import (
    AdContent,
    Block,
    Folio,
    Grid,
    Page,
    Slot,
    StoryContent,
    TiplineContent,
    WeatherContent,
)

FOLIO = Folio("鲁中晨报", "2022年12月2日", "星期五", "A02", "要闻")


def story(key: str, headline: str = "淄博市委常委会召开会议") -> StoryContent:
    return StoryContent(key, headline, blocks=(Block("paragraph", "会议指出，当前形势严峻。"),))


def test_a3_grid_has_six_equal_columns_filling_the_type_area():
    grid = Grid()
    assert grid.columns == 6
    assert abs(grid.column_x(5) + grid.column_width - grid.type_width) < 1e-9
    assert abs(grid.span_width(6) - grid.type_width) < 1e-9
    assert grid.span_width(2) == 2 * grid.column_width + grid.gutter


def test_reference_arrangement_lead_beside_weather_and_banner_second_story_below():
    weather = WeatherContent("天气预报", (weather_day("2日,多云,南风2~3级,-6~5℃"),))
    tipline = TiplineContent("3585000", ("新闻热线 3585000",))
    ad = AdContent("ad", ("一盔一带 安全常在",), label="公益广告", public_service=True)
    page = arrange_page(
        key="A02",
        folio=FOLIO,
        stories=[story("s1"), story("s2", "民生建设进展如何?")],
        weather=weather,
        tipline=tipline,
        ads=[(ad, 6, 80.0)],
    )
    keys = [s.key for s in page.slots]
    assert keys == ["story-1", "weather", "tipline", "story-2", "ad-1"]
    lead, side_w, side_t, second, foot = page.slots
    assert (lead.col, lead.span, lead.body_columns) == (0, 4, 4)
    assert (side_w.col, side_w.span) == (4, 2) and side_t.after == ("weather",)
    assert second.after == ("story-1", "weather", "tipline") and second.rule_above
    assert (second.span, second.body_columns) == (6, 6)
    grid = page.grid
    assert foot.top + foot.height == grid.type_height
    assert second.bottom <= foot.top
    assert validate_slots(page)[1] == []


def test_page_without_sidebar_gives_the_lead_all_columns():
    page = arrange_page(key="A03", folio=FOLIO, stories=[story("s1")])
    assert page.slots[0].span == 6


def test_slot_off_the_page_is_reported_by_page_and_slot_and_dropped():
    page = Page(
        "A05",
        FOLIO,
        (
            Slot("头条", "story", col=0, span=4, height=100, story=story("s1")),
            Slot("右栏", "story", col=4, span=3, height=100, story=story("s2")),
            Slot("底栏", "story", col=0, span=6, top=380, height=50, story=story("s3")),
        ),
    )
    kept, problems = validate_slots(page)
    assert [s.key for s in kept.slots] == ["头条"]
    assert [(p.page, p.slot, p.kind) for p in problems] == [
        ("A05", "右栏", "off_page"),
        ("A05", "底栏", "off_page"),
    ]
    assert "A05版 右栏" in problems[0].message and "超出" in problems[0].message


def test_headline_size_fits_the_width_and_caps_at_the_largest():
    assert headline_size("短标题", 270, largest=40) == 40
    long = "这是一个很长很长很长很长很长很长很长很长很长的标题"
    size = headline_size(long, 200, largest=40)
    assert 12 <= size < 40
    assert size * len(long) <= 200 * 72 / 25.4


def test_weather_wording_splits_into_day_sky_wind_and_temperature():
    day = weather_day("2日,多云,南风2~3级增强至3~4级,-6~5℃")
    assert (day.day, day.sky, day.wind, day.temperature) == (
        "2日",
        "多云",
        "南风2~3级增强至3~4级",
        "-6~5℃",
    )
    odd = weather_day("晴")
    assert odd.sky == "晴" and odd.text == "晴"


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


def test_clreq_counts_forbidden_line_starts_ends_and_split_marks():
    good = ["会议指出，当前形势", "严峻复杂。“三个坚", "定不移”不动摇——坚", "持到底……"]
    assert line_faults(good) == []
    bad = ["会议指出", "，当前形势“", "三个坚定不移—", "—坚持（", "……", "%增长"]
    kinds = [(f.line, f.kind) for f in line_faults(bad)]
    assert (1, "start") in kinds and (1, "end") in kinds
    assert (2, "split") in kinds
    assert (3, "end") in kinds and (4, "start") in kinds and (5, "start") in kinds
