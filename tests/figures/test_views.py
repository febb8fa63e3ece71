"""Reader pages and open data: /chengnuo/, indicator pages, CSV, JSON API, JSON-LD."""

import csv
import io
import json
import re

import pytest

from chenbao.core.roles import CHIEF_EDITOR
from chenbao.figures import services
from tests.factories import user_make

pytestmark = pytest.mark.django_db


def test_pledge_list_and_page(client, world):
    page = client.get("/chengnuo/").content.decode()
    assert "超额兑现" in page and "<script>alert(1)</script>" not in page
    detail = client.get(f"/chengnuo/{world['pledge'].pk}/").content.decode()
    assert "<svg" in detail and "见报217部" in detail
    assert world["stories"][1].url in detail
    ld = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', detail, re.S)[1]
    )
    assert ld["@type"] == "ClaimReview" and ld["reviewRating"]["alternateName"] == "超额兑现"


def test_indicator_page_csv_and_dataset(client, world):
    slug = world["indicator"].slug
    page = client.get(f"/shuju/{slug}/").content.decode()
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1])
    assert ld["@type"] == "Dataset" and ld["distribution"][0]["encodingFormat"] == "text/csv"
    response = client.get(f"/shuju/{slug}.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["日期", "原文", "数值"]
    assert sorted(r[2] for r in rows[1:]) == ["186", "200", "217"]


def test_api(client, world):
    data = client.get("/api/v1/pledges/").json()
    assert data["pledges"][0]["status"] == "exceeded"
    assert data["pledges"][0]["progress"] == pytest.approx(1.085)
    one = client.get(f"/api/v1/pledges/{world['pledge'].pk}/").json()
    assert [e["status"] for e in one["timeline"]] == ["not_rated", "exceeded"]
    indicator = client.get(f"/api/v1/indicators/{world['indicator'].slug}/").json()
    assert [v["value"] for v in indicator["values"]] == [186, 200, 217]
    assert client.get("/api/v1/pledges/999999/").status_code == 404
    assert client.post("/api/v1/pledges/").status_code == 405


def test_withdrawn_story_leaves_public_pages(client, world):
    from chenbao.stories.services import story_withdraw

    story_withdraw(story=world["stories"][1], user=user_make(CHIEF_EDITOR), reason="数据有误")
    indicator = client.get(f"/api/v1/indicators/{world['indicator'].slug}/").json()
    assert [v["value"] for v in indicator["values"]] == [186, 200]
    one = client.get(f"/api/v1/pledges/{world['pledge'].pk}/").json()
    assert one["timeline"][-1]["evidence"] is None  # the rating stays, its evidence is gone
    assert "217" not in client.get(f"/shuju/{world['indicator'].slug}.csv").content.decode()


def test_story_page_links_its_figures(client, world):
    page = client.get(world["stories"][0].url).content.decode()
    assert "此数据历次报道" in page
    assert f"/chengnuo/{world['pledge'].pk}/" in page


def test_api_answers_follow_the_openapi_document(client, world):
    from jsonschema import Draft4Validator
    from openapi_spec_validator import validate

    spec = client.get("/api/v1/openapi.json").json()
    validate(spec)

    def nullable(node):  # OpenAPI 3.0's `nullable` as JSON Schema understands it
        if isinstance(node, dict):
            node = {k: nullable(v) for k, v in node.items()}
            if node.pop("nullable", False):
                node["type"] = [node["type"], "null"]
            return node
        return [nullable(v) for v in node] if isinstance(node, list) else node

    def check(path: str, template: str):
        ok = spec["paths"][template]["get"]["responses"]["200"]
        schema = nullable(
            {**ok["content"]["application/json"]["schema"], "components": spec["components"]}
        )
        Draft4Validator(schema).validate(client.get(path).json())

    check("/api/v1/indicators/", "/api/v1/indicators/")
    check(f"/api/v1/indicators/{world['indicator'].slug}/", "/api/v1/indicators/{slug}/")
    check("/api/v1/pledges/", "/api/v1/pledges/")
    check(f"/api/v1/pledges/{world['pledge'].pk}/", "/api/v1/pledges/{pk}/")
    services.pledge_create(title="无期限", owner="市政府", place="淄博", user=world["desk"])
    check("/api/v1/pledges/", "/api/v1/pledges/")  # null deadline, target and progress
