"""Stories that were already printed, stored many at a time (the archive's bulk import).

Wagtail's page API (`add_child`, a revision, `publish`) costs about a tenth of a second a
story: thirty years of a daily would take days. Here a batch costs a few queries: the
tree paths of the new stories are computed in one go from their section's last child,
the base page rows and the story rows are inserted in batches, bylines likewise, and
existing stories (same slug) are updated in place, so their URLs stay.

What is left out, on purpose: no revision is written (the story page itself is the record
of what was printed; an editor's first edit makes the first revision), and Wagtail's
search signals do not fire (the caller queues the stories for indexing). A withdrawn
story stays withdrawn: an update never sets it live again.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from wagtail.models import Locale, Page

from chenbao.core.bulk import rows_insert
from chenbao.site.frontcache import stories_refresh
from chenbao.stories.models import Contributor, SectionPage, StoryByline, StoryPage
from chenbao.stories.services.writing import StoryData

UPDATED_FIELDS = ["title", "draft_title", "kicker", "subtitle", "dateline", "body", "source_note"]
BATCH = 500


@dataclass(frozen=True)
class PrintedStory:
    """A story as a page printed it, at the slug that keeps its URL."""

    slug: str
    data: StoryData
    published_at: dt.datetime


@transaction.atomic
def stories_store_printed(*, section: SectionPage, stories: Sequence[PrintedStory]) -> list[int]:
    """Create or update `stories` under `section`, published as printed; return their ids.

    A story already stored at its slug (anywhere: an import keeps a story where it first
    went) is updated in place; the others are added as the section's last children.
    """
    if not stories:
        return []
    existing = {
        page.slug: page for page in StoryPage.objects.filter(slug__in=[s.slug for s in stories])
    }
    changed = []
    for item in stories:
        page = existing.get(item.slug)
        if page is not None:
            _fill(page, item.data)
            changed.append(page)
    StoryPage.objects.bulk_update(changed, UPDATED_FIELDS, batch_size=BATCH)
    new = [item for item in stories if item.slug not in existing]
    created = _create(section, new)
    ids = {page.slug: page.pk for page in [*changed, *created]}
    _bylines_replace({ids[item.slug]: item.data for item in stories})
    # No Wagtail signal is sent here: readers see the import once the caches in front refresh.
    stories_refresh(section, [*changed, *created])
    return [ids[item.slug] for item in stories]


def _fill(page: StoryPage, data: StoryData) -> None:
    page.title = page.draft_title = data.headline
    page.kicker = data.kicker
    page.subtitle = data.subtitle
    page.dateline = data.dateline
    page.body = list(data.body)
    page.source_note = data.source_note


def _create(section: SectionPage, items: Sequence[PrintedStory]) -> list[StoryPage]:
    """Insert new story pages as the last children of `section`, tree paths and all."""
    if not items:
        return []
    depth = section.depth + 1
    last = (
        Page.objects.filter(path__startswith=section.path, depth=depth)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    step = Page._str2int(last[-Page.steplen :]) if last else 0
    content_type_id = ContentType.objects.get_for_model(StoryPage).pk
    locale_id = section.locale_id or Locale.get_default().pk
    paths = [Page._get_path(section.path, depth, step + i) for i in range(1, len(items) + 1)]
    rows_insert(
        Page,
        [
            {
                "title": item.data.headline,
                "draft_title": item.data.headline,
                "slug": item.slug,
                "content_type_id": content_type_id,
                "path": path,
                "depth": depth,
                "numchild": 0,
                "url_path": f"{section.url_path}{item.slug}/",
                "live": True,
                "has_unpublished_changes": False,
                "first_published_at": item.published_at,
                "last_published_at": item.published_at,
                "locale_id": locale_id,
                "translation_key": uuid.uuid4(),
                "seo_title": "",
                "show_in_menus": False,
                "search_description": "",
                "expired": False,
                "locked": False,
            }
            for item, path in zip(items, paths, strict=True)
        ],
    )
    ids = dict(Page.objects.filter(path__in=paths).values_list("path", "id"))
    rows_insert(
        StoryPage,
        [
            {
                "page_ptr_id": ids[path],
                "kicker": item.data.kicker,
                "subtitle": item.data.subtitle,
                "dateline": item.data.dateline,
                "body": stream_json(item.data.body),
                "source_note": item.data.source_note,
            }
            for item, path in zip(items, paths, strict=True)
        ],
    )
    Page.objects.filter(pk=section.pk).update(numchild=F("numchild") + len(items))
    return [
        StoryPage(pk=ids[path], slug=item.slug) for item, path in zip(items, paths, strict=True)
    ]


def stream_json(body: Sequence[tuple[str, object]]) -> list[dict]:
    """A story body as its StreamField stores it: blocks of type, value and id."""
    return [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in body]


def _bylines_replace(by_story: dict[int, StoryData]) -> None:
    StoryByline.objects.filter(story_id__in=list(by_story)).delete()
    people = {(b.name, b.organisation): b.role for data in by_story.values() for b in data.bylines}
    known = {
        (c.name, c.organisation): c.pk
        for c in Contributor.objects.filter(name__in={name for name, _org in people})
    }
    missing = [
        Contributor(name=name, organisation=org, default_role=role)
        for (name, org), role in people.items()
        if (name, org) not in known
    ]
    for contributor in Contributor.objects.bulk_create(missing, batch_size=BATCH):
        known[(contributor.name, contributor.organisation)] = contributor.pk
    rows_insert(
        StoryByline,
        [
            {
                "story_id": story_id,
                "contributor_id": known[(b.name, b.organisation)],
                "role": b.role,
                "organisation": b.organisation,
                "sort_order": i,
            }
            for story_id, data in by_story.items()
            for i, b in enumerate(data.bylines)
        ],
    )
