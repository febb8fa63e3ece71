"""RSS and Atom feeds of each section's published stories."""

import feedparser
import pytest
from django.test import Client

from chenbao.stories import services
from chenbao.stories.models import SectionPage


@pytest.fixture
def client():
    return Client()


def feed_of(client, section_slug, kind="rss"):
    response = client.get(f"/feeds/{section_slug}/{kind}.xml")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_section_feeds_parse_cleanly_and_list_the_story(client, published, kind):
    response = client.get(f"/feeds/{published.get_parent().slug}/{kind}.xml")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    (entry,) = feed.entries
    assert entry.title == "淄博今年新建改扩建幼儿园42所"
    assert entry.link.endswith(published.url)
    assert "淄博12月1日讯记者从市教育局获悉" in entry.summary
    assert "任灵芝" in entry.author


def test_feeds_of_an_unknown_section_are_404(client, db):
    assert client.get("/feeds/nosuch/rss.xml").status_code == 404


def test_a_feed_entry_has_the_story_urn_as_its_guid_and_its_corrections(client, published, desk):
    services.story_correct(story=published, user=desk["chief"], note="电头日期有误")
    (entry,) = feed_of(client, published.get_parent().slug).entries
    assert entry.id == f"urn:chenbao:story:{published.pk}"
    assert "更正：电头日期有误" in entry.summary
    assert "全市新增公办幼儿园学位" in entry.summary  # the kicker opens the description


def test_drafts_and_withdrawn_stories_are_not_in_the_feed(client, published, draft, desk):
    slug = published.get_parent().slug
    assert [e.title for e in feed_of(client, slug).entries] == [published.title]
    services.story_withdraw(story=published, user=desk["chief"], reason="事实有误")
    assert feed_of(client, slug).entries == []


def test_the_feed_is_titled_after_the_paper_and_section(client, section, settings):
    SectionPage.objects.filter(pk=section.pk).update(intro="")
    feed = feed_of(client, section.slug, "atom")
    assert feed.feed.title == f"{settings.CHENBAO['PAPER_NAME']} · 本地"
    assert feed.feed.subtitle == "本地栏目的最新稿件"


def test_a_section_intro_describes_its_feed(client, section):
    SectionPage.objects.filter(pk=section.pk).update(intro="淄博本地新闻")
    assert feed_of(client, section.slug).feed.description == "淄博本地新闻"


def test_a_section_with_a_chinese_slug_has_feeds(client, db):
    section = services.section_get_or_create(name="教育")
    assert section.slug == "教育"
    assert client.get(f"/feeds/{section.slug}/rss.xml").status_code == 200


def test_a_story_in_a_section_with_a_chinese_slug_is_shown(client, desk, story_data, pass_review):
    section = services.section_get_or_create(name="教育")
    story = pass_review(
        services.story_create_draft(section=section, data=story_data, user=desk["reporter"])
    )
    assert client.get(story.url).status_code == 200
