"""Where readers search: /search/, 相关报道 under a story, /api/v1/search (ninjs)."""

import json
from pathlib import Path

import jsonschema
import pytest

from chenbao.archive.bulk import archive_import
from chenbao.archive.search.services import search_queue_drain
from chenbao.stories.models import StoryPage
from tests.archive.archive_dir import three_days

SCHEMA = Path(__file__).parents[2] / "docs" / "schemas" / "ninjs-schema_2.2.json"


@pytest.fixture
def imported(db, tmp_path):
    root = three_days(tmp_path)
    archive_import(root, workers=1)
    search_queue_drain()
    return root


def test_the_search_page_shows_counts_snippets_and_filters(client, imported):
    page = client.get("/search/", {"q": "淄博"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "“淄博”找到" in html and "<mark>淄博</mark>" in html
    assert 'name="q" value="淄博"' in html
    narrowed = client.get("/search/", {"q": "淄博", "date_from": "2022-12-03"}).content.decode()
    assert narrowed.count("<li>") < html.count("<li>")
    none = client.get("/search/", {"q": "书城市"}).content.decode()
    assert "找到 0 篇" in none and "没有找到" in none


def test_bad_input_gets_a_chinese_error_and_markup_is_escaped(client, imported):
    bad = client.get("/search/", {"q": "淄博", "date_from": "2022-13-45"})
    assert bad.status_code == 400 and "有效的日期" in bad.content.decode()
    reversed_dates = client.get(
        "/search/", {"q": "淄博", "date_from": "2022-12-05", "date_to": "2022-12-01"}
    )
    assert reversed_dates.status_code == 400
    assert "起始日期晚于截止日期" in reversed_dates.content.decode()
    attack = client.get("/search/", {"q": "<script>alert(1)</script>淄博"}).content.decode()
    assert "<script>alert(1)" not in attack and "&lt;script&gt;" in attack
    assert client.get("/search/", {"q": "淄博", "p": "999"}).status_code == 400


def test_the_search_page_paginates(client, imported, monkeypatch):
    from chenbao.archive import views

    monkeypatch.setattr(views, "PER_PAGE", 2)
    first = client.get("/search/", {"q": "淄博", "date_to": "2022-12-31"}).content.decode()
    assert 'rel="next"' in first and "第 1 页" in first
    second = client.get("/search/", {"q": "淄博", "date_to": "2022-12-31", "p": 2}).content
    second_html = second.decode()
    assert 'rel="prev"' in second_html and 'start="3"' in second_html
    assert "date_to=2022-12-31" in second_html  # the filters stay on every page


def test_every_reader_page_has_the_search_box(client, imported):
    story = StoryPage.objects.get(title__startswith="淄川区冬季供暖")
    html = client.get(story.url).content.decode()
    assert 'role="search"' in html and 'action="/search/"' in html


def test_a_story_page_shows_related_stories(client, imported):
    from chenbao.archive.search.services import story_related

    story = StoryPage.objects.get(title__startswith="淄博市委常委会召开会议")
    related = story_related(story=story)
    html = client.get(story.url).content.decode()
    assert related, "the page's other stories on 淄博's 民生 work are related"
    assert "相关报道" in html and related[0].title in html
    assert story.title not in [h.title for h in related]


def test_the_api_answers_ninjs_summaries(client, imported):
    answer = client.get("/api/v1/search", {"q": "供暖"})
    assert answer.status_code == 200
    data = json.loads(answer.content)
    assert data["total"] >= 1 and data["items"]
    schema = json.loads(SCHEMA.read_text())
    for item in data["items"]:
        jsonschema.validate(item, schema)
    first = data["items"][0]
    assert first["representationtype"] == "partial"
    assert "<mark>供暖</mark>" in first["descriptions"][0]["value"]
    assert first["renditions"][0]["href"].startswith("http://testserver/")
    assert client.get("/api/v1/search").status_code == 400
    bad = client.get("/api/v1/search", {"q": "供暖", "date_to": "昨天"})
    assert bad.status_code == 400 and "date_to" in json.loads(bad.content)["fields"]
    assert client.post("/api/v1/search", {"q": "供暖"}).status_code == 405
