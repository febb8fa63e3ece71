"""A story as IPTC ninjs 2.2: the object built from a story, and the withdrawal notice."""

import json
from pathlib import Path

import jsonschema
import pytest

from chenbao.stories import services
from chenbao.stories.models import StoryPage
from chenbao.stories.ninjs import (
    DATELINE_PLACE,
    body_html,
    story_to_ninjs,
    story_uri,
    withdrawn_ninjs,
)

SCHEMA_PATH = Path(__file__).parents[2] / "docs/schemas/ninjs-schema_2.2.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def test_archive_stories_export_too(reference_page):
    """Stories imported from the archive (published without review) export as valid ninjs."""
    for placement in reference_page.story_placements.select_related("story"):
        VALIDATOR.validate(story_to_ninjs(placement.story))


@pytest.mark.parametrize(
    ("dateline", "place"),
    [
        ("淄博12月1日讯", "淄博"),
        ("本报北京12月1日电", "北京"),
        ("新华社北京１２月１日电", "新华社北京"),
        ("张店讯", "张店"),
    ],
)
def test_the_place_is_read_from_the_start_of_a_dateline(dateline, place):
    assert DATELINE_PLACE.match(dateline).group(1) == place


def test_a_dateline_starting_with_a_date_names_no_place():
    assert DATELINE_PLACE.match("12月1日讯") is None


def test_a_story_uri_is_a_stable_urn_of_its_id():
    assert story_uri(42) == "urn:chenbao:story:42"


def test_a_withdrawn_story_is_announced_as_canceled_with_the_reason():
    item = withdrawn_ninjs(7, reason="事实有误")
    assert item["uri"] == "urn:chenbao:story:7"
    assert item["pubstatus"] == "canceled"
    assert item["ednote"] == "撤稿：事实有误"
    VALIDATOR.validate(item)


def test_the_body_opens_with_the_dateline_and_escapes_the_text():
    story = StoryPage(
        title="标题",
        dateline="淄博12月1日讯",
        body=[
            ("subhead", "<小标题>"),
            ("paragraph", "第一段 a<b"),
            ("paragraph", "第二段"),
        ],
    )
    assert body_html(story) == (
        "<h3>&lt;小标题&gt;</h3>\n"
        '<p><span class="dateline">淄博12月1日讯</span>第一段 a&lt;b</p>\n'
        "<p>第二段</p>"
    )


def test_a_body_without_a_dateline_has_plain_paragraphs():
    story = StoryPage(title="标题", body=[("paragraph", "只有一段")])
    assert body_html(story) == "<p>只有一段</p>"


def test_a_photo_keeps_its_caption_and_credit():
    story = StoryPage(
        title="标题",
        body=[
            (
                "image",
                {"image": None, "caption": "新园开学", "credit": {"role": "摄影", "name": "王磊"}},
            )
        ],
    )
    assert body_html(story) == "<figure><figcaption>新园开学 摄影 王磊</figcaption></figure>"


def test_ninjs_of_a_draft_without_dates_or_bylines_leaves_them_out(section, desk):
    draft = services.story_create_draft(
        section=section,
        data=services.StoryData(headline="只有主题", body=(("paragraph", "正文"),)),
        user=desk["reporter"],
    )
    item = story_to_ninjs(draft)
    assert item["headlines"] == [{"role": "main", "value": "只有主题"}]
    assert item["bodies"][0]["charcount"] == len("正文")
    for key in ("firstcreated", "people", "organisations", "by", "descriptions", "renditions"):
        assert key not in item
    VALIDATOR.validate(item)


def test_corrections_are_listed_as_dated_descriptions(published, desk):
    correction = services.story_correct(story=published, user=desk["duty"], note="数字有误")
    item = story_to_ninjs(StoryPage.objects.get(pk=published.pk), url="https://paper.example/s/")
    assert {
        "role": "correction",
        "value": f"{correction.created_at:%Y-%m-%d} 数字有误",
    } in item["descriptions"]
    assert item["renditions"] == [
        {"name": "web", "href": "https://paper.example/s/", "contenttype": "text/html"}
    ]
    assert item["version"] == str(StoryPage.objects.get(pk=published.pk).live_revision_id)
    VALIDATOR.validate(item)
