"""A story as printed: Chinese punctuation, photos, bylines, its link (blocks/story.py)."""

import datetime as dt
from types import SimpleNamespace

import pytest

from chenbao.core.roles import CHIEF_EDITOR
from chenbao.editions.blocks.base import PageContext
from chenbao.editions.blocks.story import page_stories, slot, story_content
from chenbao.editions.images import ImageCopier
from chenbao.editions.layout.arrange import headline_size, largest_headline
from chenbao.editions.layout.model import Block, Grid
from chenbao.editions.services.pages import edition_page_ensure, page_placements_set
from chenbao.stories.services import (
    BylineData,
    StoryData,
    section_get_or_create,
    story_save_published,
    story_withdraw,
)
from tests.factories import user_make

pytestmark = pytest.mark.django_db


def publish(slug: str, headline: str = "我市新建幼儿园42所", body=(), **fields):
    data = StoryData(
        headline=headline,
        body=tuple(body) or (("paragraph", "记者从市教育局获悉,今年全市新增学位1.2万个."),),
        **fields,
    )
    return story_save_published(section=section_get_or_create(name="本地"), slug=slug, data=data)


def context(page, tmp_path) -> PageContext:
    return PageContext(
        printed=page, base_url="https://paper.example/", images=ImageCopier(tmp_path), grid=Grid()
    )


def test_a_story_prints_with_chinese_punctuation_its_bylines_and_its_full_link(
    tmp_path, make_image
):
    photo = make_image("幼儿园新址")
    story = publish(
        "kindergartens",
        headline="幼儿园:今年新建42所",
        kicker="民生实事",
        dateline="淄博12月1日讯",
        body=(
            ("paragraph", "记者从市教育局获悉,今年全市新增学位1.2万个."),
            ("subhead", "就近入园"),
            (
                "image",
                {
                    "image": photo,
                    "caption": "新园开园(资料图)",
                    "credit": {"role": "记者", "name": "王晓明"},
                },
            ),
            ("image", {"image": None, "caption": "", "credit": {}}),
        ),
        bylines=(BylineData("记者", "任灵芝", "本报"),),
    )
    printed = story_content(
        story, base_url="https://paper.example/", images=ImageCopier(tmp_path), page="A02", slot="s"
    )
    assert printed.key == f"story-{story.pk}"
    assert printed.headline == "幼儿园：今年新建42所"
    assert (printed.kicker, printed.subtitle, printed.dateline) == ("民生实事", "", "淄博12月1日讯")
    paragraph, subhead, image = printed.blocks  # the empty photo is left out
    assert paragraph == Block("paragraph", "记者从市教育局获悉，今年全市新增学位1.2万个。")
    assert subhead == Block("subhead", "就近入园")
    assert image.kind == "image" and image.text == "新园开园（资料图）"
    assert image.credit == "记者 王晓明" and image.image.startswith("/img/")
    assert (tmp_path / image.image.lstrip("/")).exists()
    assert "任灵芝" in printed.bylines
    assert printed.url.startswith("https://paper.example/") and printed.url.endswith(
        "/kindergartens/"
    )


def test_the_page_shows_its_stories_in_order_and_leaves_out_a_withdrawn_one(tmp_path):
    page = edition_page_ensure(date=dt.date(2022, 12, 2), number="A02")
    first, gone, last = (
        publish("one", "第一篇"),
        publish("two", "第二篇"),
        publish("three", "第三篇"),
    )
    page_placements_set(page=page, stories=[first, gone, last])
    story_withdraw(story=gone, user=user_make(CHIEF_EDITOR), reason="事实有误")
    stories = page_stories(context(page, tmp_path))
    assert list(stories) == [first.pk, last.pk]
    assert [s.headline for s in stories.values()] == ["第一篇", "第三篇"]


def test_a_slot_takes_its_story_from_the_page_or_fetches_one_not_on_it(tmp_path):
    page = edition_page_ensure(date=dt.date(2022, 12, 2), number="A02")
    on_page, elsewhere = publish("on", "版上的稿件"), publish("off", "别处的稿件")
    page_placements_set(page=page, stories=[on_page])
    ctx = context(page, tmp_path)
    ctx.stories = page_stories(ctx)
    base = {"key": "头条", "kind": "story", "col": 0, "span": 4, "top": 0.0, "height": 150.0}
    lead = slot(SimpleNamespace(story_id=on_page.pk, span=4, body_columns=0), base, ctx, 1)
    assert lead.story is ctx.stories[on_page.pk]
    assert lead.body_columns == 4
    assert lead.headline_size == headline_size(
        "版上的稿件", Grid().span_width(4), largest=largest_headline(4, True)
    )
    row = SimpleNamespace(story_id=elsewhere.pk, story=elsewhere, span=2, body_columns=1)
    fetched = slot(row, {**base, "key": "右栏"}, ctx, 2)
    assert fetched.story.headline == "别处的稿件" and fetched.body_columns == 1


def test_a_slot_of_a_withdrawn_or_missing_story_is_left_empty(tmp_path):
    page = edition_page_ensure(date=dt.date(2022, 12, 2), number="A02")
    gone = publish("gone", "已撤的稿件")
    story_withdraw(story=gone, user=user_make(CHIEF_EDITOR), reason="重复")
    gone.refresh_from_db()
    ctx = context(page, tmp_path)
    base = {"key": "s", "kind": "story", "col": 0, "span": 6, "top": 0.0, "height": 50.0}
    withdrawn = slot(
        SimpleNamespace(story_id=gone.pk, story=gone, span=6, body_columns=0), base, ctx, 1
    )
    assert withdrawn.story is None and withdrawn.headline_size == 0
    empty = slot(SimpleNamespace(story_id=None, story=None, span=0, body_columns=0), base, ctx, 1)
    assert empty.story is None and empty.body_columns == 0
