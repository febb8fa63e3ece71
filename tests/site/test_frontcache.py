"""Refreshing the caches in front of the reader site (chenbao/site/frontcache.py): which
paths each change refreshes, only after its commit, and the refresh requests themselves."""

import http.server
import threading

import pytest
from django.db import transaction

from chenbao.core.roles import CHIEF_EDITOR
from chenbao.site import frontcache
from chenbao.stories.models import StoryPage
from chenbao.stories.services import story_correct, story_withdraw
from tests.factories import user_make


@pytest.fixture
def refreshed(monkeypatch):
    """Record the paths handed to the cache backends instead of sending them."""
    sent: list[set[str]] = []
    monkeypatch.setattr(frontcache, "_send", lambda paths: sent.append(set(paths)))
    return sent


def _stories(edition) -> list[StoryPage]:
    return list(StoryPage.objects.filter(placements__page__edition=edition).order_by("pk"))


def test_story_paths_cover_its_page_section_feeds_sitemaps_and_neighbours(reference_page):
    first, second = _stories(reference_page.edition)
    paths = frontcache.story_paths(first)
    section = first.get_parent()
    assert first.url in paths and second.url in paths
    assert section.url in paths
    assert f"/feeds/{section.slug}/rss.xml" in paths
    assert f"/feeds/{section.slug}/atom.xml" in paths
    assert {"/sitemap.xml", "/news-sitemap.xml", f"/api/v1/stories/{first.pk}.ninjs.json"} <= paths


def test_edition_paths_are_the_reader_site_s_routes_for_that_day():
    paths = frontcache.edition_paths("2022-12-02", ["A01", "A02"])
    assert {
        "/",
        "/epaper/",
        "/epaper/2022-12-02/",
        "/epaper/2022-12-02/A01/",
        "/epaper/2022-12-02/A02/",
    } <= paths
    assert not any(p.startswith("/epaper-files/") for p in paths)


@pytest.mark.django_db(transaction=True)
def test_nothing_is_refreshed_before_the_commit_nor_after_a_rollback(refreshed):
    before = frontcache.generation()
    with transaction.atomic():
        frontcache.paths_refresh(["/a/"])
        assert refreshed == []
        assert frontcache.generation() == before
    assert refreshed == [{"/a/"}]
    assert frontcache.generation() != before
    with pytest.raises(RuntimeError), transaction.atomic():
        frontcache.paths_refresh(["/b/"])
        raise RuntimeError
    assert refreshed == [{"/a/"}]


def test_withdrawal_refreshes_the_story_and_its_e_paper(
    reference_page, refreshed, django_capture_on_commit_callbacks
):
    from chenbao.editions.services.publish import edition_publish

    edition_publish(edition=reference_page.edition, base_url="http://testserver")
    story = _stories(reference_page.edition)[0]
    refreshed.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story_withdraw(story=story, user=user_make(CHIEF_EDITOR), reason="撤稿测试")
    everything = set().union(*refreshed)
    assert story.url in everything
    assert "/epaper/2022-12-02/A02/" in everything


def test_a_correction_refreshes_the_story(
    reference_page, refreshed, django_capture_on_commit_callbacks
):
    story = _stories(reference_page.edition)[0]
    with django_capture_on_commit_callbacks(execute=True):
        story_correct(story=story, user=user_make(CHIEF_EDITOR), note="更正：日期有误")
    assert story.url in set().union(*refreshed)


def test_a_bulk_re_import_refreshes_the_stories_it_changed(
    reference_page, refreshed, django_capture_on_commit_callbacks
):
    import datetime as dt

    from chenbao.stories.services.printed import PrintedStory, stories_store_printed
    from chenbao.stories.services.writing import StoryData

    story = _stories(reference_page.edition)[0]
    again = PrintedStory(
        slug=story.slug,
        data=StoryData(headline="改过的标题", body=(("paragraph", "正文。"),)),
        published_at=dt.datetime(2022, 12, 2, tzinfo=dt.UTC),
    )
    refreshed.clear()
    with django_capture_on_commit_callbacks(execute=True):
        stories_store_printed(section=story.get_parent().specific, stories=[again])
    everything = set().union(*refreshed)
    assert story.url in everything
    assert story.get_parent().url in everything


class _Recorder(http.server.BaseHTTPRequestHandler):
    answers: list[str] = []
    seen: list[tuple[str, str]] = []

    def do_GET(self):  # noqa: N802
        self.seen.append((self.path, self.headers["Host"], self.headers["Accept-Encoding"]))
        cache_control = self.answers.pop(0) if self.answers else "public, s-maxage=300"
        self.send_response(200)
        self.send_header("Cache-Control", cache_control)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_nginx_backend_gets_each_path_with_the_public_host_and_retries_an_unstored_answer(
    settings,
):
    settings.WAGTAILADMIN_BASE_URL = "https://news.example.cn"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Recorder.seen, _Recorder.answers = [], ["no-store"]
    try:
        backend = frontcache.NginxRefreshBackend(
            {"LOCATION": f"http://127.0.0.1:{server.server_port}"}
        )
        backend.purge_batch(["https://news.example.cn/yaowen/story/"])
        frontcache.refresh_wait()
    finally:
        server.shutdown()
    # the plain copy (tried again after the no-store answer), then the gzip copy
    assert _Recorder.seen == [
        ("/yaowen/story/", "news.example.cn", ""),
        ("/yaowen/story/", "news.example.cn", ""),
        ("/yaowen/story/", "news.example.cn", "gzip"),
    ]
