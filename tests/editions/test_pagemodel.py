"""The layout model of a printed page read from the database (pagemodel.py)."""

import datetime as dt
from decimal import Decimal

import pytest

from chenbao.ads.models import AdKind, AdPlacement
from chenbao.editions.images import ImageCopier
from chenbao.editions.layout.model import Folio, Grid
from chenbao.editions.models import PageSlot
from chenbao.editions.pagemodel import folio_for, page_context, page_model_build
from chenbao.editions.services.pages import edition_page_ensure, page_placements_set
from chenbao.stories.services import StoryData, section_get_or_create, story_save_published
from chenbao.weather.services import PrintedDay, forecast_days_store

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    page = edition_page_ensure(date=dt.date(2022, 12, 2), number="a02", name="要闻")
    page.editor, page.designer = " 王晓 ", ""
    page.tipline_hotline, page.tipline_lines = "3585000", "新闻热线 3585000"
    page.save()
    section = section_get_or_create(name="要闻")
    stories = [
        story_save_published(
            section=section,
            slug=f"s{i}",
            data=StoryData(headline=title, body=(("paragraph", "会议指出，当前形势严峻。"),)),
        )
        for i, title in enumerate(["淄博市委常委会召开会议", "民生建设进展如何"], start=1)
    ]
    page_placements_set(page=page, stories=stories)
    forecast_days_store(page=page, days=[PrintedDay("2日,多云,南风2~3级,-6~5℃")])
    AdPlacement.objects.create(
        page=page, kind=AdKind.PUBLIC_SERVICE, text="一盔一带 安全常在", columns=6, height_mm=60
    )
    return page


def build(page, tmp_path, **kwargs):
    return page_model_build(
        page, base_url="https://paper.example", images=ImageCopier(tmp_path), **kwargs
    )


def test_the_folio_prints_the_editions_date_weekday_and_the_pages_staff(page):
    assert folio_for(page) == Folio(
        paper="鲁中晨报",
        date="2022年12月2日",
        weekday="星期五",
        number="A02",
        name="要闻",
        editor="王晓",
        designer="",
        proofreader="",
    )


def test_the_context_reads_the_pages_stories_weather_banner_and_ads_once(page, tmp_path):
    ctx = page_context(page, base_url="https://paper.example", images=ImageCopier(tmp_path))
    assert ctx.key == "A02" and ctx.grid == Grid()
    assert [s.headline for s in ctx.stories.values()] == [
        "淄博市委常委会召开会议",
        "民生建设进展如何",
    ]
    assert ctx.weather.days[0].sky == "多云"
    assert ctx.tipline.hotline == "3585000"
    [(ad, columns, height)] = ctx.ads.values()
    assert (ad.label, columns, height) == ("公益广告", 6, 60)


def test_a_page_without_slots_is_arranged_automatically(page, tmp_path):
    model = build(page, tmp_path)
    assert [s.key for s in model.slots] == ["story-1", "weather", "tipline", "story-2", "ad-1"]
    assert model.fill_bands and model.folio.number == "A02"
    assert model.slot("story-2").story.url.startswith("https://paper.example/")


def test_a_page_with_slots_is_set_as_its_editor_placed_them(page, tmp_path):
    story = page.story_placements.order_by("sort_order").first().story
    ad = AdPlacement.objects.get(page=page)
    PageSlot.objects.create(
        page=page,
        key="头条",
        kind="story",
        story=story,
        column=1,
        span=4,
        top_mm=Decimal("0"),
        height_mm=Decimal("150.5"),
        sort_order=1,
    )
    PageSlot.objects.create(page=page, kind="weather", column=5, span=2, height_mm=60, sort_order=2)
    PageSlot.objects.create(
        page=page, kind="ad", ad=ad, column=1, span=6, top_mm=300, height_mm=60, sort_order=3
    )
    model = build(page, tmp_path)
    assert not model.fill_bands
    assert [(s.key, s.kind, s.col, s.span, s.top, s.height) for s in model.slots] == [
        ("头条", "story", 0, 4, 0.0, 150.5),
        ("slot-2", "weather", 4, 2, 0.0, 60.0),
        ("slot-3", "ad", 0, 6, 300.0, 60.0),
    ]
    assert model.slot("头条").story.headline == "淄博市委常委会召开会议"
    assert model.slot("slot-3").ad.lines == ("一盔一带 安全常在",)


def test_rows_given_replace_the_saved_ones_and_an_empty_list_means_automatic(page, tmp_path):
    PageSlot.objects.create(page=page, kind="weather", column=5, span=2, height_mm=60)
    unsaved = [PageSlot(kind="tipline", column=1, span=2, height_mm=Decimal("90"))]
    assert [s.kind for s in build(page, tmp_path, rows=unsaved).slots] == ["tipline"]
    assert build(page, tmp_path, rows=[]).fill_bands
    assert [s.kind for s in build(page, tmp_path).slots] == ["weather"]


def test_an_ad_taken_off_the_page_leaves_its_slot_out(page, tmp_path):
    ad = AdPlacement.objects.get(page=page)
    rows = [PageSlot(kind="ad", ad_id=ad.pk, column=1, span=6, height_mm=60)]
    assert [s.kind for s in build(page, tmp_path, rows=rows).slots] == ["ad"]
    AdPlacement.objects.filter(pk=ad.pk).delete()
    assert build(page, tmp_path, rows=rows).slots == ()
