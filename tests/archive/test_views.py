"""The reader's archive search page, /search/: no search without words, pages of 20."""

import pytest

from chenbao.archive import views
from chenbao.archive.search.services import SearchHit, SearchPage


@pytest.fixture
def searched(monkeypatch):
    calls = []

    def fake(**kwargs):
        calls.append(kwargs)
        hit = SearchHit(
            id=7,
            title="淄川区冬季供暖今起试运行",
            subtitle="",
            kicker="",
            date=None,
            page="",
            section="",
            bylines=[],
            url="/s/7/",
            snippet="<mark>供暖</mark>",
            score=1.0,
        )
        return SearchPage(
            query=kwargs["query"], total=45, hits=[hit], offset=kwargs["offset"], limit=20
        )

    monkeypatch.setattr(views, "story_search", fake)
    return calls


def test_the_page_without_words_shows_the_form_and_searches_nothing(client, searched, db):
    for params in ({}, {"q": "   "}, {"section": "要闻"}):
        page = client.get("/search/", params)
        assert page.status_code == 200
        assert page.context["result"] is None and page.context["page_obj"] is None
    assert searched == []


def test_the_requested_page_is_searched_and_the_filters_kept_for_the_links(client, searched, db):
    page = client.get("/search/", {"q": "供暖", "p": "3", "section": "要闻"})
    assert page.status_code == 200
    (call,) = searched
    assert call["offset"] == 40 and call["limit"] == 20 and call["filters"].section == "要闻"
    assert page.context["page_obj"].number == 3
    assert page.context["page_obj"].paginator.num_pages == 3
    assert "p=" not in page.context["query"] and "section=" in page.context["query"]
    assert "淄川区冬季供暖今起试运行" in page.content.decode()


def test_a_bad_form_is_a_400_and_searches_nothing(client, searched, db):
    page = client.get("/search/", {"q": "供暖", "date_from": "明天"})
    assert page.status_code == 400 and searched == []
