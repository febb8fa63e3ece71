"""/api/v1/search: the archive search for apps and partners, answering ninjs summaries."""

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from chenbao.archive import api
from chenbao.archive.search.services import SearchHit, SearchPage

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "docs" / "schemas" / "ninjs-schema_2.2.json").read_text()
)


def hit(**fields) -> SearchHit:
    values = {
        "id": 7,
        "title": "淄川区冬季供暖今起试运行",
        "subtitle": "",
        "kicker": "",
        "date": None,
        "page": "",
        "section": "",
        "bylines": [],
        "url": "",
        "snippet": "<mark>供暖</mark>今起试运行",
        "score": 1.0,
    }
    return SearchHit(**{**values, **fields})


def test_a_bare_hit_is_a_partial_ninjs_with_its_snippet():
    item = api.hit_ninjs(hit(), base="https://paper.example")
    assert item["uri"] == "urn:chenbao:story:7"
    assert item["representationtype"] == "partial" and item["pubstatus"] == "usable"
    assert item["headlines"] == [{"role": "main", "value": "淄川区冬季供暖今起试运行"}]
    assert item["descriptions"] == [
        {"role": "summary", "contenttype": "text/html", "value": "<mark>供暖</mark>今起试运行"}
    ]
    for key in ("contentcreated", "people", "by", "subjects", "altids", "renditions"):
        assert key not in item
    jsonschema.validate(item, SCHEMA)


def test_a_full_hit_carries_date_bylines_section_page_and_link():
    item = api.hit_ninjs(
        hit(
            kicker="引题",
            subtitle="副题",
            date=dt.date(2022, 12, 3),
            page="A03",
            section="要闻",
            bylines=["任灵芝", "姜东林"],
            url="/yaowen/2022-12-03-a03-2/",
        ),
        base="https://paper.example",
    )
    assert [h["role"] for h in item["headlines"]] == ["kicker", "main", "subtitle"]
    assert item["contentcreated"] == "2022-12-03T06:00:00+08:00"
    assert item["people"] == [
        {"name": "任灵芝", "rel": "author"},
        {"name": "姜东林", "rel": "author"},
    ]
    assert item["by"] == "任灵芝 姜东林"
    assert item["subjects"] == [{"name": "要闻", "rel": "section"}]
    assert item["altids"] == [{"role": "printed-page", "value": "2022-12-03 A03"}]
    assert item["renditions"][0]["href"] == "https://paper.example/yaowen/2022-12-03-a03-2/"
    jsonschema.validate(item, SCHEMA)


def test_an_absolute_link_is_kept_as_it_is():
    item = api.hit_ninjs(hit(url="https://cdn.example/s/7/"), base="https://paper.example")
    assert item["renditions"][0]["href"] == "https://cdn.example/s/7/"


@pytest.fixture
def searched(monkeypatch):
    calls = []

    def fake(**kwargs):
        calls.append(kwargs)
        return SearchPage(
            query=kwargs["query"],
            total=41,
            hits=[hit(url="/s/7/")],
            offset=kwargs["offset"],
            limit=20,
        )

    monkeypatch.setattr(api, "story_search", fake)
    return calls


def test_the_answer_lists_the_hits_and_the_paging(client, searched):
    answer = client.get("/api/v1/search", {"q": " 供暖 ", "p": "3", "section": "要闻"})
    assert answer.status_code == 200
    data = answer.json()
    assert (data["total"], data["offset"], data["limit"], data["max_pages"]) == (41, 40, 20, 50)
    assert data["items"][0]["renditions"][0]["href"] == "http://testserver/s/7/"
    (call,) = searched
    assert call["query"] == "供暖" and call["offset"] == 40 and call["limit"] == 20
    assert call["filters"].section == "要闻" and call["filters"].public_only


def test_a_search_without_words_or_with_bad_fields_is_a_400_in_chinese(client, searched):
    empty = client.get("/api/v1/search", {"q": "  "})
    assert empty.status_code == 400 and empty.json()["fields"] == {"q": ["必填"]}
    bad = client.get("/api/v1/search", {"q": "供暖", "p": "51", "kind": "tv"})
    assert bad.status_code == 400
    assert bad.json()["error"] == "检索参数有误" and set(bad.json()["fields"]) == {"p", "kind"}
    assert searched == []


def test_only_get_is_answered(client, searched):
    assert client.post("/api/v1/search", {"q": "供暖"}).status_code == 405
