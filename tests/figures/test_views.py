"""Reader pages and open data: /chengnuo/, indicator pages, CSV, JSON API, JSON-LD."""

import csv
import datetime as dt
import io
import json
import re

import pytest

from chenbao.core.roles import CHIEF_EDITOR, DATA_DESK
from chenbao.figures import services
from chenbao.figures import status as s
from chenbao.figures.models import StoryFigure
from tests.factories import story_make, user_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    desk = user_make(DATA_DESK)
    lifts = services.indicator_create(name="加装电梯", place="淄博", unit="部", user=desk)
    stories = []
    for title, text in (
        ("去年", "累计加装电梯186部,力争明年加装电梯200部。"),
        ("今年", "截至目前,全市累计加装电梯217部。"),
    ):
        story = story_make(
            title=title, live=True, dateline="淄博12月1日", body=[("paragraph", text)]
        )
        for f in services.story_figures_extract(story=story):
            services.figure_confirm(figure=f, indicator=lifts, user=desk)
        stories.append(story)
    target = StoryFigure.objects.get(kind="target")
    pledge = services.pledge_create(
        title="加装电梯200部<script>alert(1)</script>",
        owner="市住建局",
        place="淄博",
        deadline=dt.date(2023, 12, 31),
        target_value=200,
        unit="部",
        indicator=lifts,
        source_figure=target,
        user=desk,
    )
    evidence = StoryFigure.objects.get(value=217)
    services.pledge_status_set(
        pledge=pledge, status=s.EXCEEDED, note="见报217部", evidence=evidence, user=desk
    )
    return {"desk": desk, "indicator": lifts, "stories": stories, "pledge": pledge}


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


def test_desk_forms(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from chenbao.figures.models import Indicator, Pledge

    client.force_login(world["desk"])
    client.post(
        "/admin/figures/indicators/new/", {"name": "新建充电桩", "place": "淄博", "unit": "个"}
    )
    assert Indicator.objects.filter(name="新建充电桩").exists()
    page = client.post("/admin/figures/indicators/new/", {"name": ""}, follow=True)
    assert "都要填写" in page.content.decode()
    csv_file = SimpleUploadedFile(
        "p.csv", "承诺,责任单位,地方,期限\n新建公园5处,市园林局,淄博,2024-12-31\n".encode()
    )
    client.post("/admin/figures/pledges/import/", {"file": csv_file, "source": "清单"})
    assert Pledge.objects.filter(title="新建公园5处", source="清单").exists()
    story = story_make(title="待确认", live=True, body=[("paragraph", "全市新建充电桩500个。")])
    figure = services.story_figures_extract(story=story)[0]
    chosen = Indicator.objects.get(name="新建充电桩")
    client.post(
        "/admin/figures/", {"figure": figure.pk, "decision": "confirm", "indicator": chosen.pk}
    )
    figure.refresh_from_db()
    assert figure.indicator == chosen and figure.state == "confirmed"


def test_desk_refuses_odd_posts(client, world):
    client.force_login(world["desk"])
    assert client.post("/admin/figures/", {"figure": "1 OR 1=1"}).status_code == 404
    figure = StoryFigure.objects.first()
    answer = client.post("/admin/figures/", {"figure": figure.pk, "indicator": "x"})
    assert answer.status_code == 404
    page = client.post(
        "/admin/figures/", {"pledge": world["pledge"].pk, "status": "kept"}, follow=True
    )
    assert "依据" in page.content.decode()  # a rating needs its basis


def test_a_printed_target_becomes_a_pledge(client, world):
    client.force_login(world["desk"])
    target = StoryFigure.objects.get(kind="target")
    page = client.post(
        "/admin/figures/pledges/from-figure/", {"figure": target.pk, "owner": ""}, follow=True
    )
    assert "都要填写" in page.content.decode()
    client.post(
        "/admin/figures/pledges/from-figure/",
        {"figure": target.pk, "owner": "市住建局", "deadline": "2024-12-31"},
    )
    from chenbao.figures.models import Pledge

    pledge = Pledge.objects.get(source_figure=target, deadline="2024-12-31")
    assert pledge.target_value == 200 and pledge.indicator == world["indicator"]
    assert pledge.deadline.isoformat() == "2024-12-31"
    not_a_target = StoryFigure.objects.exclude(kind="target").first()
    page = client.post(
        "/admin/figures/pledges/from-figure/",
        {"figure": not_a_target.pk, "owner": "x"},
        follow=True,
    )
    assert "只有稿件里的目标数据" in page.content.decode()
