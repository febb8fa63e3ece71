"""Printed pages stored many at a time, all or nothing (services/printed.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from chenbao.ads.models import AdKind, AdPlacement
from chenbao.core.models import AuditEntry
from chenbao.core.roles import ADMIN
from chenbao.editions.blocks.tipline import Banner
from chenbao.editions.models import Edition, PrintedPage
from chenbao.editions.services.pages import ARCHIVE_NOTE, page_placements_set
from chenbao.editions.services.printed import PUBLISHED_HOUR, PrintedPageData, pages_store_printed
from chenbao.stories.models import StoryPage
from chenbao.stories.services import StoryData, section_get_or_create, story_save_published
from chenbao.weather.models import PrintedForecastDay
from chenbao.weather.services import PrintedDay
from tests.factories import user_make

pytestmark = pytest.mark.django_db

DAY = dt.date(2022, 12, 2)


def imported(headline: str) -> StoryData:
    return StoryData(
        headline=headline,
        dateline="淄博12月1日讯",
        body=(("paragraph", "今年全市新增城镇就业5.34万人，完成年度目标的112%。"),),
        source_note=ARCHIVE_NOTE,
    )


def titles(page: PrintedPage) -> list[str]:
    return [p.story.title for p in page.story_placements.order_by("sort_order")]


def test_a_batch_of_pages_is_stored_with_editions_banners_weather_ads_and_stories():
    user = user_make(ADMIN)
    stored = pages_store_printed(
        pages=[
            PrintedPageData(
                date=DAY,
                number="a01",
                name="要闻",
                banner=Banner(lines=("新闻热线 3585000",), hotline="3585000"),
                stories=[imported("头版头条"), imported("头版二条")],
                forecast=[PrintedDay("2日,多云,南风2~3级,-6~5℃")],
                ads=[(AdKind.PUBLIC_SERVICE, ["一盔一带 安全常在"])],
                unplaced=["（下转A02版）"],
                source_file="2022-12-02/A01.txt",
                source_sha256="ab" * 32,
            ),
            PrintedPageData(
                date=DAY, number="A02", name="民生", section="本地", stories=[imported("本地一")]
            ),
            PrintedPageData(
                date=dt.date(2022, 12, 3), number="A01", stories=[imported("次日头条")]
            ),
        ],
        paper="鲁中晨报",
        user=user,
    )
    assert len(stored.editions) == 2 == Edition.objects.filter(paper="鲁中晨报").count()
    a01, a02, next_day = (PrintedPage.objects.get(pk=pk) for pk in stored.pages)
    assert (a01.number, a01.name, a01.tipline_hotline) == ("A01", "要闻", "3585000")
    assert (a01.unplaced_text, a01.source_file) == ("（下转A02版）", "2022-12-02/A01.txt")
    assert titles(a01) == ["头版头条", "头版二条"] and titles(a02) == ["本地一"]
    assert titles(next_day) == ["次日头条"]
    assert len(stored.stories) == 4 and stored.removed == []
    assert PrintedForecastDay.objects.filter(page=a01).count() == 1
    assert AdPlacement.objects.get(page=a01).kind == AdKind.PUBLIC_SERVICE
    lead = StoryPage.objects.get(title="头版头条")
    assert lead.slug == "2022-12-02-a01-1" and lead.get_parent().title == "要闻"  # the page name
    assert StoryPage.objects.get(title="本地一").get_parent().title == "本地"  # its section
    assert StoryPage.objects.get(title="次日头条").get_parent().title == "要闻"  # no name
    entries = AuditEntry.objects.filter(action="page.import").order_by("object_id")
    assert sorted(e.object_id for e in entries) == sorted(str(pk) for pk in stored.pages)
    assert {e.actor_id for e in entries} == {user.pk}
    assert entries.get(object_id=str(a01.pk)).detail == {"stories": 2, "unplaced": 1}


def test_a_story_counts_as_published_on_its_editions_morning():
    pages_store_printed(pages=[PrintedPageData(date=DAY, number="A01", stories=[imported("早报")])])
    story = StoryPage.objects.get(title="早报")
    published = timezone.localtime(story.first_published_at)
    assert (published.date(), published.hour) == (DAY, PUBLISHED_HOUR)


def test_storing_again_keeps_urls_updates_pages_and_removes_imported_stories_no_page_has():
    first = pages_store_printed(
        pages=[
            PrintedPageData(
                date=DAY,
                number="A01",
                name="要闻",
                banner=Banner(lines=("边聊边爆料",)),
                stories=[imported("第一篇"), imported("第二篇")],
            )
        ]
    )
    url = StoryPage.objects.get(title="第一篇").url
    page = PrintedPage.objects.get(pk=first.pages[0])
    newsroom = story_save_published(
        section=section_get_or_create(name="要闻"),
        slug="written-here",
        data=StoryData(headline="编辑部写的稿件", body=(("paragraph", "正文。"),)),
    )
    page_placements_set(
        page=page, stories=[*StoryPage.objects.filter(title__startswith="第"), newsroom]
    )
    again = pages_store_printed(
        pages=[PrintedPageData(date=DAY, number="A01", stories=[imported("第一篇（更正）")])]
    )
    assert again.pages == first.pages and PrintedPage.objects.count() == 1
    page.refresh_from_db()
    assert page.name == "要闻" and page.tipline_lines == "" and titles(page) == ["第一篇（更正）"]
    assert StoryPage.objects.get(title="第一篇（更正）").url == url
    [removed] = again.removed
    assert not StoryPage.objects.filter(pk=removed).exists()
    assert not StoryPage.objects.filter(title="第二篇").exists()
    assert StoryPage.objects.filter(title="编辑部写的稿件").exists()


def test_a_story_moved_to_another_page_of_the_batch_is_kept():
    pages_store_printed(
        pages=[PrintedPageData(date=DAY, number="A01", stories=[imported("转版稿")])]
    )
    story = StoryPage.objects.get(title="转版稿")
    stored = pages_store_printed(
        pages=[
            PrintedPageData(date=DAY, number="A01", stories=[]),
            PrintedPageData(date=DAY, number="A02", stories=[]),
        ]
    )
    assert stored.removed == [story.pk]
    pages_store_printed(pages=[PrintedPageData(date=DAY, number="A01", stories=[imported("留下")])])
    kept = StoryPage.objects.get(title="留下")
    other = PrintedPage.objects.get(number="A02")
    page_placements_set(page=other, stories=[kept])
    assert pages_store_printed(pages=[PrintedPageData(date=DAY, number="A01")]).removed == []
    assert StoryPage.objects.filter(pk=kept.pk).exists()


def test_a_batch_that_fails_stores_nothing(monkeypatch):
    def failing(**kwargs):
        raise RuntimeError("figures could not be read")

    monkeypatch.setattr("chenbao.figures.services.stories_figures_extract", failing)
    with pytest.raises(RuntimeError):
        pages_store_printed(
            pages=[
                PrintedPageData(date=DAY, number="A01", stories=[imported("头条")]),
                PrintedPageData(date=DAY, number="A02", ads=[(AdKind.COMMERCIAL, ["广告"])]),
            ]
        )
    assert not Edition.objects.exists() and not PrintedPage.objects.exists()
    assert not StoryPage.objects.filter(title="头条").exists()
    assert not AdPlacement.objects.exists()


def test_a_page_whose_name_is_not_a_known_section_is_stored_too():
    stored = pages_store_printed(
        pages=[PrintedPageData(date=DAY, number="A01", name="头版", stories=[imported("头条")])]
    )
    assert StoryPage.objects.get(pk=stored.stories[0]).get_parent().title == "头版"


def test_many_changes_in_one_transaction_write_each_day_once_and_a_failure_is_only_logged(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from chenbao.editions.services import printed

    calls: list[list[int]] = []
    monkeypatch.setattr(
        printed, "archive_editions_publish", lambda edition_ids: calls.append(edition_ids)
    )
    with django_capture_on_commit_callbacks(execute=True):
        for ids in ([3, 1], [1], [2, 3], []):
            printed.text_editions_refresh(edition_ids=ids)
    assert calls == [[1, 2, 3]]

    def broken(edition_ids):
        raise OSError("disk full")

    monkeypatch.setattr(printed, "archive_editions_publish", broken)
    with django_capture_on_commit_callbacks(execute=True):
        printed.text_editions_refresh(edition_ids=[5])
    assert "could not be written again" in caplog.text
