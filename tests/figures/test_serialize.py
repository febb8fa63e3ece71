"""Indicators and pledges as open data: the API's JSON and schema.org JSON-LD."""

import json
from decimal import Decimal

import pytest

from chenbao.figures import selectors, serialize, services
from chenbao.figures.models import Pledge

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_(rf):
    return rf.get("/", HTTP_HOST="paper.example")


def test_whole_numbers_stay_integers_and_fractions_become_floats():
    assert serialize._number(Decimal("200.0000")) == 200
    assert isinstance(serialize._number(Decimal("200.0000")), int)
    assert serialize._number(Decimal("5.34")) == 5.34


def test_an_indicator_links_its_page_and_csv(request_, world):
    data = serialize.indicator_data(request_, world["indicator"])
    assert data["name"] == "加装电梯" and data["place"] == "淄博" and data["unit"] == "部"
    assert data["url"].startswith("http://paper.example/") and data["url"].endswith("/")
    assert data["csv"].startswith("http://paper.example/") and data["csv"] != data["url"]


def test_a_point_carries_the_figure_and_its_story(request_, world):
    point = selectors.indicator_timeline(world["indicator"])[-1]
    data = serialize.point_data(request_, point)
    assert data["text"] == "217部" and data["value"] == 217 and data["unit"] == "部"
    assert data["story"] == "今年"
    assert data["url"] == "http://paper.example" + world["stories"][1].url
    assert data["date"] == point.date.isoformat()


def test_a_pledge_has_its_status_label_progress_and_indicator(request_, world):
    pledge = Pledge.objects.get(pk=world["pledge"].pk)
    data = serialize.pledge_data(request_, pledge, today=pledge.deadline)
    assert data["status"] == "exceeded" and data["status_label"] == "超额兑现"
    assert data["target"] == 200 and data["deadline"] == "2023-12-31"
    assert data["indicator"] == world["indicator"].slug
    assert data["progress"] == pytest.approx(217 / 200)


def test_a_pledge_without_deadline_target_or_indicator_has_nulls(request_, world):
    bare = services.pledge_create(title="无期限", owner="市政府", place="淄博", user=world["desk"])
    data = serialize.pledge_data(request_, bare, today=world["pledge"].deadline)
    assert data["deadline"] is None and data["target"] is None and data["indicator"] is None
    assert data["progress"] is None and data["status_label"] == "未评估"


def test_a_dataset_describes_the_indicator_and_offers_its_csv(request_, world):
    ld = serialize.dataset_ld(request_, world["indicator"])
    assert ld["@type"] == "Dataset" and ld["spatialCoverage"] == "淄博"
    assert ld["description"] == "淄博加装电梯的历次报道数据"
    assert ld["distribution"][0]["encodingFormat"] == "text/csv"


def test_a_rated_pledge_is_a_claim_review_dated_by_its_rating(request_, world):
    pledge = Pledge.objects.get(pk=world["pledge"].pk)
    events = selectors.pledge_events_public(pledge)
    ld = serialize.claim_review_ld(request_, pledge, events)
    assert ld["@type"] == "ClaimReview" and ld["claimReviewed"] == pledge.title
    assert ld["reviewRating"]["ratingValue"] == 5
    assert ld["reviewRating"]["alternateName"] == "超额兑现"
    assert ld["datePublished"] == events[-1][0].at.date().isoformat()


def test_an_unrated_pledge_is_no_claim_review(request_, world):
    Pledge.objects.filter(pk=world["pledge"].pk).update(status="not_rated")
    pledge = Pledge.objects.get(pk=world["pledge"].pk)
    assert serialize.claim_review_ld(request_, pledge, []) is None


def test_json_ld_cannot_close_its_script_element():
    text = serialize.ld_json({"name": "</script><script>alert(1)</script>&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script>&"}
    assert serialize.ld_json(None) == "null"
