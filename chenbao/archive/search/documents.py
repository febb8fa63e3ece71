"""Stories read from the database as search documents, many at a time."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.utils import timezone

from chenbao.archive.search.engine import SearchDoc
from chenbao.editions.models import StoryPlacement
from chenbao.stories.models import SectionPage, StoryByline, StoryPage, StoryWithdrawal

KIND_PRINTED = "printed"  # 见报: placed on a printed page
KIND_WEB = "web"  # 网络: published on the web only
KINDS = {KIND_PRINTED: "见报", KIND_WEB: "网络"}


def body_text(raw: Sequence[dict] | None) -> str:
    """The text of a story body's raw StreamField data: paragraphs, subheads, captions."""
    parts: list[str] = []
    for block in raw or ():
        value = block.get("value")
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict) and isinstance(value.get("caption"), str):
            parts.append(value["caption"])
    return "\n".join(parts)


def search_docs(ids: Sequence[int]) -> tuple[list[SearchDoc], set[int]]:
    """The documents of the stories `ids`, and the ids that are no longer stories."""
    stories = list(
        StoryPage.objects.filter(pk__in=ids).only(
            "pk",
            "path",
            "title",
            "kicker",
            "subtitle",
            "dateline",
            "body",
            "live",
            "first_published_at",
        )
    )
    found = {s.pk for s in stories}
    sections = {
        path: (title, slug)
        for path, title, slug in SectionPage.objects.filter(
            path__in={s.path[:-4] for s in stories}
        ).values_list("path", "title", "slug")
    }
    bylines: dict[int, list[str]] = defaultdict(list)
    for story_id, name in (
        StoryByline.objects.filter(story_id__in=found)
        .order_by("story_id", "sort_order")
        .values_list("story_id", "contributor__name")
    ):
        bylines[story_id].append(name)
    placed = {
        story_id: (number, date)
        for story_id, number, date in StoryPlacement.objects.filter(story_id__in=found).values_list(
            "story_id", "page__number", "page__edition__date"
        )
    }
    withdrawn = set(
        StoryWithdrawal.objects.filter(story_id__in=found).values_list("story_id", flat=True)
    )
    docs = []
    for story in stories:
        number, date = placed.get(story.pk, ("", None))
        if date is None and story.first_published_at:
            date = timezone.localdate(story.first_published_at)
        section = sections.get(story.path[:-4])
        docs.append(
            SearchDoc(
                id=story.pk,
                head=" \n".join(filter(None, [story.kicker, story.title, story.subtitle])),
                body=" \n".join(filter(None, [story.dateline, body_text(story.body.raw_data)])),
                day=date,
                sections=section if section else (),
                page=number,
                bylines=tuple(bylines.get(story.pk, ())),
                kind=KIND_PRINTED if number else KIND_WEB,
                public=story.live and story.pk not in withdrawn,
            )
        )
    return docs, set(ids) - found
