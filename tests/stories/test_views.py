"""Reader-facing views: the ninjs export (with its schema) and the news sitemap."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from django.test import Client

SCHEMA_PATH = Path(__file__).parents[2] / "docs/schemas/ninjs-schema_2.2.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


@pytest.fixture
def client():
    return Client()


def test_the_schema_copy_is_the_iptc_one_with_its_licence():
    assert SCHEMA["$id"] == "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#"
    notice = (SCHEMA_PATH.parent / "NOTICE-ninjs.md").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0" in notice and "IPTC" in notice


def test_ninjs_of_a_published_story_is_valid_and_complete(client, published):
    response = client.get(f"/api/v1/stories/{published.pk}.ninjs.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    item = response.json()
    VALIDATOR.validate(item)
    assert item["headlines"] == [
        {"role": "kicker", "value": "全市新增公办幼儿园学位"},
        {"role": "main", "value": "淄博今年新建改扩建幼儿园42所"},
        {"role": "subtitle", "value": "新增学位超万个"},
    ]
    assert item["people"] == [
        {"name": "任灵芝", "rel": "记者"},
        {"name": "姜东林", "rel": "特约记者"},
    ]
    assert item["organisations"] == [{"name": "大众日报淄博融媒体中心", "rel": "employer"}]
    assert item["by"] == "大众日报淄博融媒体中心记者 任灵芝 特约记者 姜东林"
    assert item["located"] == "淄博"
    assert {"role": "dateline", "value": "淄博12月1日讯"} in item["descriptions"]
    body = item["bodies"][0]
    assert body["contenttype"] == "text/html"
    assert body["value"].startswith(
        '<p><span class="dateline">淄博12月1日讯</span>记者从市教育局获悉'
    )
    assert "<h3>就近入园更方便</h3>" in body["value"]
    assert item["pubstatus"] == "usable" and item["language"] == "zh-Hans"
    assert item["renditions"][0]["href"].endswith(published.url)


def test_the_story_page_links_its_ninjs(client, published):
    html = client.get(published.url).content.decode()
    assert (
        f'<link rel="alternate" type="application/json" '
        f'href="/api/v1/stories/{published.pk}.ninjs.json"'
    ) in html


def test_ninjs_is_not_served_for_drafts(client, draft):
    assert client.get(f"/api/v1/stories/{draft.pk}.ninjs.json").status_code == 404
    assert client.get("/api/v1/stories/999999.ninjs.json").status_code == 404


def test_news_sitemap_has_recent_stories_with_news_tags(client, published):
    response = client.get("/news-sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "n": "http://www.google.com/schemas/sitemap-news/0.9",
    }
    (url,) = root.findall("s:url", ns)
    assert url.find("s:loc", ns).text.endswith(published.url)
    assert url.find("n:news/n:title", ns).text == "淄博今年新建改扩建幼儿园42所"
    assert url.find("n:news/n:publication/n:language", ns).text == "zh-cn"
    assert url.find("n:news/n:publication_date", ns).text.startswith(
        f"{published.first_published_at.astimezone().year}"
    )
