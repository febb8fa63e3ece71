"""The sitemap: every published story and section."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from chenbao.stories import services
from chenbao.stories.sitemaps import SectionSitemap, StorySitemap


@pytest.fixture
def client():
    return Client()


def test_sitemap_lists_sections_and_stories(client, published, draft):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [el.text for el in root.findall("s:url/s:loc", ns)]
    assert any(loc.endswith(published.get_parent().url) for loc in locs)
    assert any(loc.endswith(published.url) for loc in locs)


def test_drafts_and_withdrawn_stories_are_left_out(published, draft, desk):
    assert list(StorySitemap().items()) == [published]
    services.story_withdraw(story=published, user=desk["chief"], reason="事实有误")
    assert list(StorySitemap().items()) == []


def test_a_story_is_dated_by_its_last_publication(published):
    sitemap = StorySitemap()
    assert sitemap.location(published) == published.url
    assert sitemap.lastmod(published) == published.last_published_at


def test_only_live_sections_are_listed(section):
    other = services.section_get_or_create(name="要闻")
    assert list(SectionSitemap().items()) == sorted([section, other], key=lambda s: s.path)
    other.unpublish()
    assert list(SectionSitemap().items()) == [section]
    assert SectionSitemap().location(section) == section.url
