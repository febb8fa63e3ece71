"""RSS 2.0 and Atom feeds of each section's published stories (django.contrib.syndication)."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _

from chenbao.stories import selectors
from chenbao.stories.ninjs import story_uri

FEED_LENGTH = 30


class SectionRssFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed
    language = "zh-cn"

    def get_object(self, request, slug: str):
        section = selectors.section_by_slug(slug=slug)
        if section is None:
            raise Http404("no such section")
        return section

    def title(self, section):
        from django.conf import settings

        return f"{settings.CHENBAO['PAPER_NAME']} · {section.title}"

    def link(self, section):
        return section.url or "/"

    def description(self, section):
        return section.intro or _("%(section)s栏目的最新稿件") % {"section": section.title}

    def items(self, section):
        return selectors.story_live_list(section=section)[:FEED_LENGTH]

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        parts = [p for p in (story.kicker, story.subtitle) if p]
        first = next((b.value for b in story.body if b.block_type == "paragraph"), "")
        if first:
            parts.append(f"{story.dateline}{first}" if story.dateline else first)
        parts += [_("更正：%(note)s") % {"note": c.note} for c in story.corrections.all()]
        return "\n".join(parts)

    def item_link(self, story):
        return story.url

    def item_guid(self, story):
        return story_uri(story.pk)

    item_guid_is_permalink = False

    def item_pubdate(self, story):
        return story.first_published_at

    def item_updateddate(self, story):
        return story.last_published_at

    def item_author_name(self, story):
        return story.byline_text() or None


class SectionAtomFeed(SectionRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, section):
        return self.description(section)
