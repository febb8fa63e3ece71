"""Reads of editions, pages, proofs and what was published (selectors.py)."""

import datetime as dt
import json

import pytest

from chenbao.core.roles import CHIEF_EDITOR, PROOFREADER
from chenbao.editions.models import Edition, PrintedPage, ProofRound
from chenbao.editions.selectors import (
    edition_get,
    edition_latest,
    edition_list,
    page_can_go_to_print,
    page_is_archive,
    page_list,
    page_with_content,
    placements_shown,
    printed_pages_recent,
    published_manifest,
    published_page,
)
from chenbao.editions.services.pages import (
    ARCHIVE_NOTE,
    edition_page_ensure,
    page_placements_set,
)
from chenbao.editions.storage import publish_dir
from chenbao.stories.services import (
    StoryData,
    section_get_or_create,
    story_save_published,
    story_withdraw,
)
from tests.factories import user_make

pytestmark = pytest.mark.django_db

DAY = dt.date(2022, 12, 2)


def story(slug: str, headline: str = "淄博市委常委会召开会议", source_note: str = ""):
    data = StoryData(
        headline=headline, body=(("paragraph", "会议指出。"),), source_note=source_note
    )
    return story_save_published(section=section_get_or_create(name="要闻"), slug=slug, data=data)


def test_the_latest_edition_is_the_newest_with_pages():
    edition_page_ensure(date=DAY, number="A01")
    Edition.objects.create(paper="鲁中晨报", date=dt.date(2022, 12, 3))  # no pages yet
    assert edition_latest().date == DAY
    assert [e.date for e in edition_list()] == [DAY]
    edition_page_ensure(date=dt.date(2022, 12, 1), number="A01")
    edition_page_ensure(date=DAY, number="A02")
    assert [e.date for e in edition_list()] == [DAY, dt.date(2022, 12, 1)]  # each once


def test_no_edition_yet():
    assert edition_latest() is None and edition_get(date=DAY) is None


def test_an_edition_of_a_date_is_the_first_paper_by_name():
    Edition.objects.create(paper="Zibo Evening News", date=DAY)
    Edition.objects.create(paper="Luzhong Morning Post", date=DAY)
    assert edition_get(date=DAY).paper == "Luzhong Morning Post"


def test_pages_are_listed_by_number_and_found_whatever_the_case():
    for number in ("A03", "A01", "A02"):
        page = edition_page_ensure(date=DAY, number=number)
    edition = page.edition
    assert [p.number for p in page_list(edition=edition)] == ["A01", "A02", "A03"]
    assert page_with_content(edition=edition, number="a02").number == "A02"
    assert page_with_content(edition=edition, number="B01") is None


def test_readers_see_the_placements_of_stories_not_withdrawn_in_order():
    page = edition_page_ensure(date=DAY, number="A02")
    other = edition_page_ensure(date=DAY, number="A03")
    first, gone, last = story("a", "甲"), story("b", "乙"), story("c", "丙")
    page_placements_set(page=page, stories=[last, gone, first])
    page_placements_set(page=other, stories=[first])
    story_withdraw(story=gone, user=user_make(CHIEF_EDITOR), reason="失实")
    assert [p.story.title for p in placements_shown(page=page)] == ["丙", "甲"]
    assert len(placements_shown()) == 3
    content = page_with_content(edition=page.edition, number="A02")
    assert [p.story.title for p in content.story_placements.all()] == ["丙", "甲"]


def test_a_page_goes_to_print_only_after_final_review_and_three_proof_rounds():
    page = edition_page_ensure(date=DAY, number="A02")
    ok, reasons = page_can_go_to_print(page)
    assert not ok and reasons == ["尚未一校", "尚未二校", "尚未三校"]
    reader = user_make(PROOFREADER)
    for n in (1, 2, 3):
        ProofRound.objects.create(page=page, number=n, proofreader=reader, proofreader_name="张敏")
    assert page_can_go_to_print(page) == (True, [])


def test_an_archive_page_is_one_whose_stories_all_came_from_an_import():
    page = edition_page_ensure(date=DAY, number="A02")
    assert not page_is_archive(page)  # nothing on it, and not read from a file
    page_placements_set(page=page, stories=[story("a", source_note=ARCHIVE_NOTE)])
    assert page_is_archive(page)
    page_placements_set(
        page=page, stories=[story("a", source_note=ARCHIVE_NOTE), story("b", source_note="")]
    )
    assert not page_is_archive(page)
    empty = edition_page_ensure(date=DAY, number="A05")
    empty.source_file = "2022-12-02/A05.txt"
    assert page_is_archive(empty)


def test_recent_printed_pages_come_newest_edition_first_then_by_number():
    edition_page_ensure(date=dt.date(2022, 12, 1), number="A01")
    edition_page_ensure(date=DAY, number="A02")
    edition_page_ensure(date=DAY, number="A01")
    pages = printed_pages_recent(limit=2)
    assert [(p.edition.date, p.number) for p in pages] == [(DAY, "A01"), (DAY, "A02")]
    assert PrintedPage.objects.count() == 3


def test_a_published_page_is_read_from_the_manifest_with_its_file_urls(settings):
    settings.CHENBAO = {**settings.CHENBAO, "PUBLISH_URL": "https://cdn.example/epaper/"}
    settings.STORAGES = {k: v for k, v in settings.STORAGES.items() if k != "publish"}
    assert published_manifest(date=DAY) is None
    assert published_page(date=DAY, number="A02") is None
    folder = publish_dir() / "2022-12-02"
    folder.mkdir(parents=True)
    entry = {"png": "A02.png", "pdf": "A02.pdf", "thumb": "A02-thumb.png", "html": "A02.html"}
    manifest = {"paper": "鲁中晨报", "pages": {"A02": entry}}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert published_manifest(date=DAY) == manifest
    page = published_page(date=DAY, number="A02")
    assert page["png_url"] == "https://cdn.example/epaper/2022-12-02/A02.png"
    assert page["html_url"] == "https://cdn.example/epaper/2022-12-02/A02.html"
    assert page["pdf"] == "A02.pdf"
    assert published_page(date=DAY, number="A09") is None
