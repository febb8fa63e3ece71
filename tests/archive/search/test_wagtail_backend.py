"""The Wagtail admin's search box finds Chinese stories (through the archive engine)."""

import pytest

from chenbao.core.roles import CHIEF_EDITOR, EDITOR
from chenbao.stories.models import StoryPage


@pytest.fixture
def indexed(reference_page, django_capture_on_commit_callbacks):
    from chenbao.archive.search.services import search_queue_drain

    search_queue_drain()
    return reference_page


def test_the_admin_search_box_finds_chinese_stories(client, make_user, indexed):
    client.force_login(make_user("editor", EDITOR))
    for query in ["淄博", "民生建设", "AED", "燃气设施"]:
        html = client.get("/admin/pages/search/", {"q": query}).content.decode()
        assert "民生建设进展如何" in html, query
    html = client.get("/admin/pages/search/", {"q": "书城市"}).content.decode()
    assert "民生建设进展如何" not in html


def test_the_newsroom_still_finds_a_withdrawn_story(
    client, make_user, indexed, django_capture_on_commit_callbacks
):
    from chenbao.stories.services.after_publication import story_withdraw

    chief = make_user("chief", CHIEF_EDITOR)
    story = StoryPage.objects.get(title__contains="民生建设进展如何")
    with django_capture_on_commit_callbacks(execute=True):
        story_withdraw(story=story, user=chief, reason="数据有误")
    client.force_login(chief)
    html = client.get("/admin/pages/search/", {"q": "民生建设"}).content.decode()
    assert "民生建设进展如何" in html  # unpublished and withdrawn, still found by the newsroom
    assert "民生建设进展如何" not in client.get("/search/", {"q": "民生建设"}).content.decode()


def test_other_models_still_search_through_the_database(db):
    from wagtail.search.backends import get_search_backend

    from chenbao.stories.models import SectionPage
    from chenbao.stories.services import section_get_or_create

    section_get_or_create(name="Sports")
    backend = get_search_backend()
    assert [s.title for s in backend.search("Sports", SectionPage)] == ["Sports"]


def test_while_the_engine_cannot_answer_the_admin_finds_stories_by_headline(
    client, make_user, indexed, monkeypatch, caplog
):
    """An OpenSearch cluster down: the admin's search box answers from the database
    (kicker, headline, subtitle) instead of an error page."""
    from chenbao.archive.search import services
    from chenbao.archive.search.engine import SearchUnavailable

    class Down:
        def search(self, *args, **kwargs):
            raise SearchUnavailable("http://search.invalid:9200: ConnectionError")

    monkeypatch.setattr(services, "search_engine", lambda: Down())
    client.force_login(make_user("editor", EDITOR))
    response = client.get("/admin/pages/search/", {"q": "民生建设 进展"})
    assert response.status_code == 200
    assert "民生建设进展如何" in response.content.decode()
    html = client.get("/admin/pages/search/", {"q": "燃气设施"}).content.decode()
    assert "民生建设进展如何" not in html  # in the body only: not found without the engine
    assert "search engine unavailable" in caplog.text
