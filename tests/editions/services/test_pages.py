"""Editions and pages made and stored, stories placed, slots saved (services/pages.py)."""

import datetime as dt

import pytest

from chenbao.ads.models import AdKind
from chenbao.core.models import AuditEntry
from chenbao.core.roles import ADMIN, PAGE_EDITOR
from chenbao.editions.blocks.tipline import Banner
from chenbao.editions.models import Edition, PageSlot, PrintedPage
from chenbao.editions.services.pages import (
    ARCHIVE_NOTE,
    edition_page_ensure,
    page_placements_set,
    page_slots_store,
    page_store,
)
from chenbao.stories.models import StoryPage
from chenbao.stories.services import StoryData, section_get_or_create, story_save_published
from chenbao.weather.services import PrintedDay
from tests.factories import user_make

pytestmark = pytest.mark.django_db

DAY = dt.date(2022, 12, 2)


def imported(headline: str) -> StoryData:
    return StoryData(
        headline=headline,
        body=(("paragraph", "会议指出，当前形势严峻。"),),
        source_note=ARCHIVE_NOTE,
    )


def test_a_page_is_made_once_with_its_edition_and_its_number_in_capitals(settings):
    settings.CHENBAO = {**settings.CHENBAO, "PAPER_NAME": "鲁中晨报"}
    page = edition_page_ensure(date=DAY, number="a02", name="要闻")
    again = edition_page_ensure(date=DAY, number="A02", name="另一个名字")
    assert page.pk == again.pk and (again.number, again.name) == ("A02", "要闻")
    assert page.edition.paper == "鲁中晨报"
    other = edition_page_ensure(date=DAY, number="A02", paper="淄博晚报")
    assert other.pk != page.pk
    assert Edition.objects.count() == 2 and PrintedPage.objects.count() == 2


def test_a_printed_page_is_stored_with_its_banner_weather_ads_stories_and_unplaced_text():
    importer = user_make(ADMIN)  # an archive import publishes the stories it stores
    page = page_store(
        date=DAY,
        number="a02",
        name="要闻",
        banner=Banner(
            lines=("新闻热线 3585000",), hotline="3585000", reward_min=50, reward_max=300
        ),
        stories=[imported("淄博市委常委会召开会议"), imported("民生建设进展如何")],
        forecast=[PrintedDay("2日,多云,南风2~3级,-6~5℃")],
        ads=[(AdKind.PUBLIC_SERVICE, ["一盔一带 安全常在"])],
        unplaced=["（上接A01版）", "图片说明待定"],
        user=importer,
    )
    page.refresh_from_db()
    assert (page.number, page.name, page.tipline_hotline) == ("A02", "要闻", "3585000")
    assert (page.tipline_reward_min, page.tipline_reward_max) == (50, 300)
    assert page.unplaced_text == "（上接A01版）\n图片说明待定"
    placements = page.story_placements.order_by("sort_order")
    assert [p.story.title for p in placements] == ["淄博市委常委会召开会议", "民生建设进展如何"]
    assert [p.story.slug for p in placements] == ["2022-12-02-a02-1", "2022-12-02-a02-2"]
    assert placements[0].story.get_parent().title == "要闻"
    assert [d.text for d in page.forecast_days.all()] == ["2日,多云,南风2~3级,-6~5℃"]
    assert [a.lines for a in page.ad_placements.all()] == [["一盔一带 安全常在"]]
    entry = AuditEntry.objects.get(action="page.import")
    assert entry.actor == importer and entry.object_id == str(page.pk)
    assert entry.detail == {"stories": 2, "unplaced": 2}


def test_storing_a_page_again_updates_it_in_place_and_drops_the_imported_stories_it_lost():
    page = page_store(
        date=DAY, number="A02", stories=[imported("第一篇"), imported("第二篇"), imported("第三篇")]
    )
    first_url = page.story_placements.order_by("sort_order").first().story.url
    newsroom = story_save_published(
        section=section_get_or_create(name="要闻"),
        slug="written-here",
        data=StoryData(headline="编辑部写的稿件", body=(("paragraph", "正文。"),)),
    )
    page_placements_set(
        page=page, stories=[*[p.story for p in page.story_placements.all()], newsroom]
    )
    again = page_store(date=DAY, number="A02", stories=[imported("第一篇（更正）")])
    assert again.pk == page.pk
    [placement] = again.story_placements.all()
    assert placement.story.title == "第一篇（更正）" and placement.story.url == first_url
    titles = set(StoryPage.objects.values_list("title", flat=True))
    assert "第二篇" not in titles and "第三篇" not in titles
    assert "编辑部写的稿件" in titles  # a story written in the newsroom is never deleted so
    assert PrintedPage.objects.count() == 1


def test_a_page_stored_without_a_banner_loses_the_one_it_had_but_keeps_its_name():
    page_store(date=DAY, number="A02", name="要闻", banner=Banner(lines=("边聊边爆料",)))
    page = page_store(date=DAY, number="A02")
    assert (page.name, page.tipline_lines, page.has_tipline) == ("要闻", "", False)


def test_placing_stories_replaces_what_the_page_had_and_returns_what_left():
    page = edition_page_ensure(date=DAY, number="A02")
    section = section_get_or_create(name="要闻")
    a, b, c = (
        story_save_published(
            section=section, slug=s, data=StoryData(headline=s, body=(("paragraph", "正文。"),))
        )
        for s in ("a", "b", "c")
    )
    assert page_placements_set(page=page, stories=[a, b]) == set()
    assert page_placements_set(page=page, stories=[c, a]) == {b.pk}
    placed = page.story_placements.order_by("sort_order")
    assert [(p.story_id, p.sort_order) for p in placed] == [(c.pk, 1), (a.pk, 2)]


def test_the_boards_slots_replace_the_pages_and_an_empty_list_resets_the_layout():
    page = edition_page_ensure(date=DAY, number="A02")
    editor = user_make(PAGE_EDITOR)
    PageSlot.objects.create(page=page, kind="weather", column=5, span=2)
    rows = [
        PageSlot(key="头条", kind="story", column=1, span=4, height_mm=150),
        PageSlot(pk=999, key="天气", kind="weather", column=5, span=2, height_mm=60),
    ]
    page_slots_store(page=page, rows=rows, user=editor)
    saved = list(page.slots.order_by("sort_order"))
    assert [(s.key, s.sort_order) for s in saved] == [("头条", 0), ("天气", 1)]
    assert 999 not in [s.pk for s in saved]
    page_slots_store(page=page, rows=[], user=editor)
    assert not page.slots.exists()
    actions = list(
        AuditEntry.objects.filter(object_id=str(page.pk))
        .order_by("pk")
        .values_list("action", "detail")
    )
    assert actions == [("page.layout", {"slots": 2}), ("page.layout_reset", {"slots": 0})]


def test_a_page_is_stored_in_a_section_of_any_name():
    page = page_store(date=DAY, number="A01", section="头版", stories=[imported("头条")])
    assert page.story_placements.get().story.get_parent().title == "头版"
