"""Sitemaps: every published story and section, and a Google News sitemap of recent stories."""

from django.contrib.sitemaps import Sitemap

from chenbao.stories import selectors
from chenbao.stories.models import SectionPage


class StorySitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return selectors.story_live_list()

    def location(self, story):
        return story.url

    def lastmod(self, story):
        return story.last_published_at


class SectionSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return SectionPage.objects.live().order_by("path")

    def location(self, section):
        return section.url


SITEMAPS = {"sections": SectionSitemap, "stories": StorySitemap}
