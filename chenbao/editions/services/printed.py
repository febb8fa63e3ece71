"""Pages that were already printed, stored many at a time (the archive's bulk import).

`page_store` (pages.py) stores one page through the usual services; `pages_store_printed`
stores a batch of pages in one transaction with a few queries per kind of row: editions and
pages made or updated in bulk, their banners, weather boxes and ads replaced, their stories
stored by `stories.services.printed` (URLs kept on re-import), placements set, and one
audit entry per page. Stories an earlier import put on a page and the page no longer has
are removed, as `page_store` does.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from chenbao.core.bulk import rows_insert
from chenbao.core.models import AuditEntry
from chenbao.editions.blocks import tipline
from chenbao.editions.models import Edition, PrintedPage, StoryPlacement
from chenbao.editions.services.pages import ARCHIVE_NOTE

log = logging.getLogger(__name__)

PAGE_FIELDS = [
    "name",
    "unplaced_text",
    "source_file",
    "source_sha256",
    "tipline_hotline",
    "tipline_reward_min",
    "tipline_reward_max",
    "tipline_qr_caption",
    "tipline_lines",
    "tipline_qr_url",
]
# The hour the paper is out: an archived story counts as published then on its edition's day.
PUBLISHED_HOUR = 6


@dataclass(frozen=True)
class PrintedPageData:
    """One page as printed, and the file it was read from."""

    date: dt.date
    number: str
    name: str = ""
    banner: tipline.Banner | None = None
    stories: Sequence = ()  # stories.services.StoryData
    forecast: Sequence = ()  # weather.services.PrintedDay
    ads: Sequence[tuple[str, Sequence[str]]] = ()
    unplaced: Sequence[str] = ()
    section: str = ""  # the stories' section: the page's name, else 要闻
    source_file: str = ""
    source_sha256: str = ""
    figures: Sequence | None = None  # each story's figures, if read already (archive/dumps.py)


@dataclass
class PrintedStored:
    editions: set[int] = field(default_factory=set)
    pages: list[int] = field(default_factory=list)
    stories: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)


@transaction.atomic
def pages_store_printed(
    *, pages: Sequence[PrintedPageData], paper: str | None = None, user=None
) -> PrintedStored:
    """Store `pages` as printed, all or nothing; return what was stored."""
    from chenbao.ads.services import page_ads_store_many
    from chenbao.stories.services import section_get_or_create
    from chenbao.stories.services.printed import PrintedStory, stories_store_printed
    from chenbao.weather.services import forecast_days_store_many

    paper = paper or settings.CHENBAO["PAPER_NAME"]
    stored = PrintedStored()
    rows = _pages_ensure(pages, paper)
    stored.editions = {row.edition_id for row in rows}
    stored.pages = [row.pk for row in rows]
    forecast_days_store_many(
        days_by_page={row.pk: p.forecast for row, p in zip(rows, pages, strict=True)}
    )
    page_ads_store_many(ads_by_page={row.pk: p.ads for row, p in zip(rows, pages, strict=True)})

    by_section: dict[str, list[tuple[int, PrintedStory]]] = defaultdict(list)
    for row, page in zip(rows, pages, strict=True):
        published = timezone.make_aware(
            dt.datetime.combine(page.date, dt.time(PUBLISHED_HOUR)),
            timezone.get_current_timezone(),
        )
        prefix = f"{page.date:%Y-%m-%d}-{row.number.lower()}-"
        for i, data in enumerate(page.stories, start=1):
            by_section[page.section or page.name or "要闻"].append(
                (row.pk, PrintedStory(slug=f"{prefix}{i}", data=data, published_at=published))
            )
    placed: dict[int, list[int]] = {row.pk: [] for row in rows}
    ids_by_section: dict[str, list[int]] = {}
    for name, items in by_section.items():
        section = section_get_or_create(name=name)
        ids = stories_store_printed(section=section, stories=[story for _, story in items])
        ids_by_section[name] = ids
        for (page_id, _), story_id in zip(items, ids, strict=True):
            placed[page_id].append(story_id)
    stored.stories = [story_id for ids in placed.values() for story_id in ids]
    from chenbao.figures.extract import story_text_of
    from chenbao.figures.services import stories_figures_extract

    texts = {  # 数说与承诺: the figures they print, read from the data in hand
        story_id: story_text_of(story.data.dateline, story.data.body)
        for name, items in by_section.items()
        for (_, story), story_id in zip(items, ids_by_section[name], strict=True)
    }
    found: dict[int, list] = {}  # read already where the pages were parsed
    for row, page in zip(rows, pages, strict=True):
        if page.figures is not None and len(page.figures) == len(placed[row.pk]):
            found.update(zip(placed[row.pk], page.figures, strict=True))
    stories_figures_extract(story_ids=stored.stories, texts=texts, found=found)
    stored.removed = _placements_set(placed)
    at = timezone.now()
    rows_insert(
        AuditEntry,
        [
            {
                "at": at,
                "actor_id": user.pk if getattr(user, "is_authenticated", False) else None,
                "action": "page.import",
                "object_type": PrintedPage._meta.label_lower,
                "object_id": str(row.pk),
                "detail": {"stories": len(page.stories), "unplaced": len(page.unplaced)},
            }
            for row, page in zip(rows, pages, strict=True)
        ],
    )
    return stored


def _pages_ensure(pages: Sequence[PrintedPageData], paper: str) -> list[PrintedPage]:
    """Return the page rows of `pages`, in order, made or updated (editions made as needed)."""
    dates = {p.date for p in pages}
    editions = {e.date: e for e in Edition.objects.filter(paper=paper, date__in=dates)}
    Edition.objects.bulk_create(
        [Edition(paper=paper, date=d) for d in sorted(dates) if d not in editions]
    )
    editions = {e.date: e for e in Edition.objects.filter(paper=paper, date__in=dates)}
    existing = {
        (row.edition_id, row.number): row
        for row in PrintedPage.objects.filter(edition__in=editions.values())
    }
    rows, new = [], []
    for page in pages:
        edition = editions[page.date]
        key = (edition.pk, page.number.upper())
        row = existing.get(key) or PrintedPage(edition=edition, number=key[1])
        if row.pk is None:
            new.append(row)
            existing[key] = row
        if page.name:
            row.name = page.name
        row.unplaced_text = "\n".join(page.unplaced)
        row.source_file = page.source_file
        row.source_sha256 = page.source_sha256
        fields = tipline.banner_fields(
            page.banner, qr_url=row.tipline_qr_url, tipline_url=settings.CHENBAO["TIPLINE_URL"]
        )
        for attr, value in fields.items():
            setattr(row, attr, value)
        rows.append(row)
    made = {id(row) for row in new}
    PrintedPage.objects.bulk_create(new)
    PrintedPage.objects.bulk_update([r for r in rows if id(r) not in made], PAGE_FIELDS)
    return rows


def _placements_set(placed: dict[int, list[int]]) -> list[int]:
    """Place each page's stories in order; remove imported stories no page has any more."""
    from chenbao.stories.models import StoryPage
    from chenbao.stories.services import story_delete

    old = set(
        StoryPlacement.objects.filter(page_id__in=list(placed)).values_list("story_id", flat=True)
    )
    StoryPlacement.objects.filter(page_id__in=list(placed)).delete()
    rows_insert(
        StoryPlacement,
        [
            {"page_id": page_id, "story_id": story_id, "sort_order": i}
            for page_id, story_ids in placed.items()
            for i, story_id in enumerate(story_ids, start=1)
        ],
    )
    now = {story_id for story_ids in placed.values() for story_id in story_ids}
    gone = StoryPage.objects.filter(pk__in=old - now, source_note=ARCHIVE_NOTE).exclude(
        placements__isnull=False
    )
    removed = []
    for story in gone:
        removed.append(story.pk)
        story_delete(story=story)
    return removed


def text_editions_of(*, story_id: int) -> list[int]:
    """The imported editions whose pages from dumps hold story `story_id` (the days whose
    text edition lists its headline)."""
    pages = PrintedPage.objects.filter(story_placements__story_id=story_id).exclude(source_file="")
    return sorted(set(pages.values_list("edition_id", flat=True)))


# The text editions to write once this thread's transaction commits (a transaction is one
# thread's: another thread's commit must not write them before this one's change is in).
_pending = threading.local()


def text_editions_refresh(*, edition_ids: Sequence[int]) -> None:
    """Write the text editions `edition_ids` again once the change that touched them is
    committed (a story republished with a new headline, unpublished, moved or deleted).
    Many changes in one transaction (a section of ten thousand stories deleted) write each
    day once. The change stands whatever happens here: a storage that fails is logged, and
    the next change of that day, or `import-archive --reparse`, writes the list again."""
    if not edition_ids:
        return
    if not hasattr(_pending, "ids"):
        _pending.ids = set()
    _pending.ids.update(edition_ids)
    transaction.on_commit(_pending_write)


def _pending_write() -> None:
    ids = sorted(getattr(_pending, "ids", ()))
    _pending.ids = set()
    if not ids:  # an earlier callback of the same commit wrote them
        return
    try:
        archive_editions_publish(edition_ids=ids)
    except Exception:
        log.exception("the text editions %s could not be written again", ids)


def archive_editions_publish(*, edition_ids: Sequence[int], chunk: int = 500) -> list[str]:
    """Put the imported editions `edition_ids` on the reader's e-paper as text editions: the
    calendar links each day the archive holds to its pages and their stories' headlines
    (epaper.archive_editions_write). Only pages imported from dumps (`source_file`) and
    stories readers may see (live, not withdrawn) are listed; an edition already published
    as an e-paper keeps its own pages. Returns the folders written."""
    from chenbao.editions.epaper import StorageWriter, archive_editions_write
    from chenbao.editions.storage import publish_storage

    writer = StorageWriter(publish_storage())
    ids = sorted(set(edition_ids))
    written: list[str] = []
    for at in range(0, len(ids), chunk):
        editions = list(Edition.objects.filter(pk__in=ids[at : at + chunk]).order_by("date"))
        pages = defaultdict(list)
        for page in PrintedPage.objects.filter(edition__in=editions).exclude(source_file=""):
            pages[page.edition_id].append(page)
        stories = defaultdict(list)
        shown = (
            StoryPlacement.objects.filter(
                page__edition__in=editions, story__live=True, story__withdrawal__isnull=True
            )
            .select_related("story")
            .order_by("page_id", "sort_order")
        )
        for placement in shown:
            story = placement.story
            stories[placement.page_id].append({"title": story.title, "url": story.url})
        written += archive_editions_write(
            writer,
            [
                {
                    "paper": edition.paper,
                    "date": edition.date,
                    "weekday": edition.weekday,
                    "pages": [
                        {"number": p.number, "name": p.name, "stories": stories[p.pk]}
                        for p in sorted(pages[edition.pk], key=lambda p: p.number)
                    ],
                }
                for edition in editions
            ],
        )
    return written
