"""archive_import: a folder of page dumps stored in batches, again in place when changed."""

from pathlib import Path

import pytest
from wagtail.models import Page

from chenbao.archive.bulk import archive_import
from chenbao.editions.models import PrintedPage
from chenbao.stories.models import StoryPage
from tests.archive.archive_dir import archive_make, counts


@pytest.fixture
def archive(tmp_path) -> Path:
    return archive_make(tmp_path)


def test_a_changed_page_is_imported_again_in_place(db, archive):
    archive_import(archive, workers=1)
    story = StoryPage.objects.get(slug="2022-12-03-a03-1")
    before = counts()
    path = archive / "2022-12-03" / "A03.txt"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "东岭港冬季航线今起调整", "东岭港冬季航线明起调整"
        ),
        encoding="utf-8",
    )
    result = archive_import(archive, workers=1)
    assert (result.pages, result.unchanged) == (1, 3)
    assert counts() == before  # nothing doubled
    again = StoryPage.objects.get(slug="2022-12-03-a03-1")
    assert again.pk == story.pk and again.url == story.url
    assert again.kicker == "东岭港冬季航线明起调整"
    assert Page.find_problems() == ([], [], [], [], [])


def test_reparse_imports_unchanged_pages_again_in_place(db, archive, monkeypatch):
    """After an upgrade that reads pages better: every page read again, nothing doubled,
    every story at its address, and what the better reading gives is stored."""
    from chenbao.archive import pagetext

    archive_import(archive, workers=1)
    before = counts()
    urls = dict(StoryPage.objects.values_list("pk", "url_path"))
    first = archive_import(archive, workers=1)
    assert first.unchanged == 4
    better = pagetext._story_from_title

    def upgraded(title, page):
        story = better(title, page)
        story.headline += "（新）"
        return story

    monkeypatch.setattr(pagetext, "_story_from_title", upgraded)
    result = archive_import(archive, workers=1, reparse=True)
    assert (result.pages, result.unchanged, result.failed) == (4, 0, first.failed)
    assert counts() == before
    assert dict(StoryPage.objects.values_list("pk", "url_path")) == urls
    assert all(t.endswith("（新）") for t in StoryPage.objects.values_list("title", flat=True))


def test_a_page_that_lost_a_story_loses_it(db, archive):
    archive_import(archive, workers=1)
    path = archive / "2022-12-03" / "A03.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("# 淄川区冬季供暖")], encoding="utf-8")
    archive_import(archive, workers=1)
    page = PrintedPage.objects.get(edition__date="2022-12-03", number="A03")
    assert page.story_placements.count() == 1
    assert not StoryPage.objects.filter(slug="2022-12-03-a03-2").exists()


def test_a_dry_run_stores_nothing(db, archive):
    result = archive_import(archive, workers=1, dry_run=True)
    assert (result.pages, result.stories) == (4, 7)
    assert counts()["pages"] == 0 and counts()["stories"] == 0


def test_a_page_that_fails_to_store_costs_only_itself(db, archive, monkeypatch):
    """A fault while storing a batch: the batch is stored page by page, the bad page named."""
    from chenbao.archive import bulk

    real = bulk.pages_store_printed

    def faulty(*, pages, **kw):
        if any(p.number == "A04" for p in pages):
            raise RuntimeError("disk full")
        return real(pages=pages, **kw)

    monkeypatch.setattr(bulk, "pages_store_printed", faulty)
    result = archive_import(archive, workers=1)
    assert result.pages == 3
    assert any(
        f.relative == "2022-12-03/A04_民生.txt" and "disk full" in f.reason for f in result.failed
    )
    assert not PrintedPage.objects.filter(number="A04").exists()  # no half page
    assert PrintedPage.objects.filter(number="A03").exists()


def test_figures_read_while_parsing_are_those_the_store_would_read(db, archive, monkeypatch):
    """The parsing processes read each story's figures (数说与承诺) and the store takes them;
    they are the very rows the store writes when it reads the figures itself."""
    from chenbao.archive import dumps
    from chenbao.figures.models import StoryFigure

    def rows() -> list[tuple]:
        fields = ("story_id", "start", "end", "text", "value", "unit", "kind", "indicator_id")
        return sorted(StoryFigure.objects.values_list(*fields))

    result = archive_import(archive, workers=2)
    assert result.pages == 4 and StoryFigure.objects.exists()
    from_workers = rows()
    StoryFigure.objects.all().delete()
    PrintedPage.objects.update(source_sha256="")  # so that every page is stored again
    monkeypatch.setattr(dumps, "page_figures", lambda page: None)  # the store reads them
    archive_import(archive, workers=1)
    assert rows() == from_workers


def test_the_imported_days_are_on_the_e_paper_calendar_with_their_headlines(db, archive, client):
    """/epaper/ after an import: each day held links to its pages' headlines, and those to
    the stories; the front page still waits for an e-paper (no page image here)."""
    archive_import(archive, workers=1)
    calendar = client.get("/epaper/").content.decode()
    for day in ["2022-12-02", "2022-12-03", "2022-12-04"]:
        assert f'href="/epaper/{day}/"' in calendar, day
    day = client.get("/epaper/2022-12-03/")
    assert day.status_code == 200
    html = day.content.decode()
    stories = StoryPage.objects.filter(slug__startswith="2022-12-03-").order_by("slug")
    assert stories.count() == 3
    for story in stories:
        assert f'href="{story.url}"' in html and story.title in html
        assert client.get(story.url).status_code == 200
    assert client.get("/epaper/years/2022/").status_code == 200
    # a story's folio (2022年12月3日 A03) leads to its day's list, at the page
    story = stories.first()
    folio = client.get(story.url).content.decode()
    assert 'href="/epaper/2022-12-03/A03/"' in folio
    assert client.get("/epaper/2022-12-03/A03/").url == "/epaper/2022-12-03/#page-A03"
    assert client.get("/epaper/2022-12-09/A03/").status_code == 404  # a day not held
    assert client.get("/epaper/2022-12-03/B09/").status_code == 404  # a page it has not
    assert client.get("/epaper/2022-12-03/previous/").url == "/epaper/2022-12-02/"


def test_a_withdrawn_archive_story_leaves_its_days_headlines(
    db, archive, client, desk, django_capture_on_commit_callbacks
):
    from chenbao.stories.services import story_withdraw

    archive_import(archive, workers=1)
    story = StoryPage.objects.get(slug="2022-12-03-a03-1")
    assert story.title in client.get("/epaper/2022-12-03/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        story_withdraw(story=story, user=desk["chief"], reason="事实有误")
    html = client.get("/epaper/2022-12-03/").content.decode()
    assert story.title not in html and f'href="{story.url}"' not in html
    assert StoryPage.objects.get(slug="2022-12-03-a04-1").title in html
