"""Automatic arrangement, slot checks, headline sizes and weather lines (layout/arrange.py)."""

from chenbao.editions.layout.arrange import (
    RULE_GAP,
    arrange_page,
    headline_size,
    largest_headline,
    validate_slots,
    weather_day,
)
from chenbao.editions.layout.model import (
    AdContent,
    Block,
    Folio,
    Page,
    Slot,
    StoryContent,
    TiplineContent,
    WeatherContent,
)

FOLIO = Folio("鲁中晨报", "2022年12月2日", "星期五", "A02", "要闻")


def story(key: str, headline: str = "淄博市委常委会召开会议") -> StoryContent:
    return StoryContent(key, headline, blocks=(Block("paragraph", "会议指出，当前形势严峻。"),))


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


def test_largest_headline_is_smaller_for_narrow_stories_and_for_a_wide_second_story():
    assert largest_headline(6, True) == 40.0
    assert largest_headline(6, False) == 36.0
    assert largest_headline(4, False) == 28.0
    assert largest_headline(3, False) == 24.0 == largest_headline(3, True)
    assert largest_headline(1, True) == 14.0
    assert headline_size("一" * 200, 10, largest=40) == 12.0  # never below 12 pt


def test_ads_sit_side_by_side_at_the_foot_then_in_a_row_above():
    ad = AdContent("ad", ("一盔一带 安全常在",))
    page = arrange_page(
        key="A08",
        folio=FOLIO,
        stories=[story("s1")],
        ads=[(ad, 4, 60.0), (ad, 2, 40.0), (ad, 3, 50.0), (ad, 9, 30.0)],
    )
    ads = [s for s in page.slots if s.kind == "ad"]
    h = page.grid.type_height
    assert [(s.key, s.col, s.span) for s in ads] == [
        ("ad-1", 0, 4),
        ("ad-2", 4, 2),
        ("ad-3", 0, 3),
        ("ad-4", 0, 6),
    ]
    assert ads[0].top == h - 60 and ads[1].top == h - 40
    second_row = h - 60 - RULE_GAP
    assert ads[2].top + ads[2].height == second_row
    third_row = second_row - 50 - RULE_GAP
    assert ads[3].top + ads[3].height == third_row
    lead = page.slots[0]
    assert lead.height == third_row - 30 - RULE_GAP
    assert validate_slots(page)[1] == []


def test_a_page_of_only_the_weather_and_banner_keeps_them_in_the_side_column():
    weather = WeatherContent("天气预报", ())
    page = arrange_page(
        key="A03", folio=FOLIO, stories=[], weather=weather, tipline=TiplineContent("3585000", ())
    )
    assert [(s.key, s.col, s.span) for s in page.slots] == [("weather", 4, 2), ("tipline", 4, 2)]
    assert page.slots[1].after == ("weather",) and page.fill_bands
    alone = arrange_page(key="A03", folio=FOLIO, stories=[], tipline=TiplineContent("", ()))
    assert alone.slots[0].after == () and alone.slots[0].gap == 0.0


def test_three_stories_stack_and_the_last_runs_to_the_foot():
    page = arrange_page(key="A04", folio=FOLIO, stories=[story("a"), story("b"), story("c")])
    lead, second, third = page.slots
    h = page.grid.type_height
    assert lead.height == h * 0.45 and lead.headline_size > 0
    assert second.after == ("story-1",) and second.height == h / 3
    assert third.after == ("story-2",) and third.height == h == third.bottom


def test_slots_hanging_from_a_missing_slot_or_without_a_story_are_dropped():
    page = Page(
        "A05",
        FOLIO,
        (
            Slot("头条", "story", col=0, span=6, height=100, story=story("s1")),
            Slot("下", "story", col=0, span=6, height=100, after=("无此版位",), story=story("s2")),
            Slot("空", "story", col=0, span=6, top=200, height=50),
            Slot("底", "ad", col=0, span=6, top=300, height=0),
        ),
    )
    kept, problems = validate_slots(page)
    assert [s.key for s in kept.slots] == ["头条"]
    assert "所依附的版位不存在" in problems[0].message
    assert "稿件版位没有稿件" in problems[1].message
    assert problems[2].slot == "底"


def test_weather_wording_of_three_parts_has_no_wind():
    day = weather_day("3日，晴，-4~6℃")
    assert (day.day, day.sky, day.wind, day.temperature) == ("3日", "晴", "", "-4~6℃")
