"""{% related_stories story %}: 相关报道 from the archive under a story."""

import datetime as dt

from django.template import Context, Template
from django.test import RequestFactory

from chenbao.archive.search.services import SearchHit
from chenbao.archive.templatetags import archive_search


def hit(title, page=""):
    return SearchHit(
        id=1,
        title=title,
        subtitle="",
        kicker="",
        date=dt.date(2022, 12, 3),
        page=page,
        section="",
        bylines=[],
        url="/s/1/",
        snippet="",
        score=1.0,
    )


def render(context) -> str:
    return Template("{% load archive_search %}{% related_stories story 3 %}").render(
        Context(context)
    )


def test_related_stories_are_listed_with_date_and_page(monkeypatch):
    asked = []

    def related(*, story, limit, request):
        asked.append((story, limit, request))
        return [hit("淄川区冬季供暖今起试运行", page="A03"), hit("<b>东岭港</b>")]

    monkeypatch.setattr(archive_search, "story_related", related)
    request = RequestFactory().get("/")
    html = render({"story": "the story", "request": request})
    assert asked == [("the story", 3, request)]
    assert "相关报道" in html and '<a href="/s/1/">淄川区冬季供暖今起试运行</a>' in html
    assert "2022年12月3日 A03 版" in html
    assert "&lt;b&gt;东岭港&lt;/b&gt;" in html


def test_nothing_is_shown_when_nothing_is_related(monkeypatch):
    monkeypatch.setattr(archive_search, "story_related", lambda **kwargs: [])
    assert render({"story": "the story"}).strip() == ""
