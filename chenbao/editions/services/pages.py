"""Editions and printed pages: made, stored, and the stories placed on them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction

from chenbao.core.services import audit_record
from chenbao.editions.blocks import tipline
from chenbao.editions.models import Edition, PageSlot, PrintedPage, StoryPlacement

# The source note of stories an archive import made: only those go when a re-import of
# their page no longer has them (a story written in the newsroom is never deleted so).
ARCHIVE_NOTE = "由旧版数字报文本导入"


def edition_page_ensure(
    *, date: dt.date, number: str, name: str = "", paper: str | None = None
) -> PrintedPage:
    """Return page `number` of the edition of `date`, making both on first use."""
    edition, _ = Edition.objects.get_or_create(
        paper=paper or settings.CHENBAO["PAPER_NAME"], date=date
    )
    page, _ = PrintedPage.objects.get_or_create(
        edition=edition, number=number.upper(), defaults={"name": name}
    )
    return page


@transaction.atomic
def page_store(
    *,
    date: dt.date,
    number: str,
    name: str = "",
    paper: str | None = None,
    banner: tipline.Banner | None = None,
    stories: Sequence = (),
    section: str = "要闻",
    forecast: Sequence = (),
    ads: Sequence[tuple[str, Sequence[str]]] = (),
    unplaced: Sequence[str] = (),
    user=None,
) -> PrintedPage:
    """Store a page that was printed (an archive import) as page `number` of `date`.

    `stories` are stories.services.StoryData, `forecast` weather.services.PrintedDay,
    `ads` (kind, lines). Storing the same page again updates it in place: stories keep
    their URLs (their slug is the date, page and place), nothing is duplicated, and the
    imported stories the page no longer has are removed. Text the import could not place
    (`unplaced`) is kept on the page for an editor, never dropped.
    """
    from chenbao.ads.services import page_ads_store
    from chenbao.weather.services import forecast_days_store

    page = edition_page_ensure(date=date, number=number, paper=paper)
    if name:
        page.name = name
    fields = tipline.banner_fields(
        banner, qr_url=page.tipline_qr_url, tipline_url=settings.CHENBAO["TIPLINE_URL"]
    )
    for attr, value in fields.items():
        setattr(page, attr, value)
    page.unplaced_text = "\n".join(unplaced)
    page.save()
    forecast_days_store(page=page, days=forecast)
    page_ads_store(page=page, ads=ads)
    _stories_store(page, stories, section=section, user=user)
    audit_record(
        actor=user,
        action="page.import",
        obj=page,
        detail={"stories": len(stories), "unplaced": len(unplaced)},
    )
    return page


def _stories_store(page: PrintedPage, stories: Sequence, *, section: str, user) -> None:
    from chenbao.stories.models import StoryPage
    from chenbao.stories.services import section_get_or_create, story_delete, story_save_published

    section_page = section_get_or_create(name=section)
    prefix = f"{page.edition.date:%Y-%m-%d}-{page.number.lower()}-"
    saved = [
        story_save_published(section=section_page, slug=f"{prefix}{i}", data=data, user=user)
        for i, data in enumerate(stories, start=1)
    ]
    gone = page_placements_set(page=page, stories=saved)
    for stale in StoryPage.objects.filter(pk__in=gone, source_note=ARCHIVE_NOTE):
        story_delete(story=stale, user=user)


@transaction.atomic
def page_placements_set(*, page: PrintedPage, stories: list) -> set[int]:
    """Place `stories` on `page` in this order, replacing what it had.

    Return the ids of the stories that were on the page and are no longer.
    """
    old = set(page.story_placements.values_list("story_id", flat=True))
    page.story_placements.all().delete()
    StoryPlacement.objects.bulk_create(
        StoryPlacement(page=page, story=story, sort_order=i) for i, story in enumerate(stories, 1)
    )
    return old - {story.pk for story in stories}


@transaction.atomic
def page_slots_store(*, page: PrintedPage, rows: Sequence, user=None) -> None:
    """Make `rows` (unsaved PageSlot rows, from the page board) the page's slots, in order.

    An empty `rows` returns the page to its automatic layout (自动排版).
    """
    page.slots.all().delete()
    for order, row in enumerate(rows):
        row.pk = None
        row.page = page
        row.sort_order = order
    PageSlot.objects.bulk_create(rows)
    audit_record(
        actor=user,
        action="page.layout" if rows else "page.layout_reset",
        obj=page,
        detail={"slots": len(rows)},
    )
