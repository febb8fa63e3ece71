"""Archive search: the one service the CLI, the reader's page, the API and the admin use.

Writes: a change to a story queues its id (`search_queue_add`, in the change's own
transaction); `search_queue_drain` is the one writer that turns queued ids into index
documents, after the commit, in this process if the index is free, otherwise on the next
drain (the scheduler's loop, the next change, `chenbao search-reindex --queue`). Nothing
queued is lost: an entry is deleted only after the index committed it.

Reads: `story_search` returns hits ready to show (headline, date, page, snippet…), from
the engine's ids and the database's rows; a story the database no longer has is dropped
(and queued for removal).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from chenbao.archive.models import SearchQueueEntry
from chenbao.archive.search.documents import KINDS, body_text, search_docs
from chenbao.archive.search.engine import (
    GRAMS_FROM,
    GRAMS_SAMPLE,
    Engine,
    Filters,
    SearchBusy,
    SearchDoc,
    engine_at,
)
from chenbao.archive.search.opensearch import OpenSearchEngine
from chenbao.archive.search.snippets import snippet_html

log = logging.getLogger(__name__)

DRAIN_BATCH = 2000
MAX_QUERY = 200  # characters of a query that are read
# What the search page, the API and the CLI say while the engine cannot answer (SearchUnavailable)
UNAVAILABLE = gettext_lazy("检索服务暂时不可用，请稍后再试")


def search_engine() -> Engine | OpenSearchEngine:
    """The embedded engine in SEARCH_DIR, or the OpenSearch cluster at SEARCH_URL if set."""
    url = settings.CHENBAO["SEARCH_URL"]
    if not url:
        return engine_at(settings.CHENBAO["SEARCH_DIR"], threads=settings.CHENBAO["SEARCH_THREADS"])
    key = (url, settings.CHENBAO["SEARCH_INDEX"])
    engine = _CLUSTERS.get(key)
    if engine is None:
        engine = _CLUSTERS[key] = OpenSearchEngine(url, key[1])
    return engine


_CLUSTERS: dict[tuple[str, str], OpenSearchEngine] = {}


# --- keeping the index fresh ----------------------------------------------------------------


def search_queue_add(*, story_ids: Iterable[int], drain: bool = True) -> None:
    """Queue stories for (re)indexing in the caller's transaction; drain after the commit."""
    ids = sorted(set(story_ids))
    if not ids:
        return
    SearchQueueEntry.objects.bulk_create([SearchQueueEntry(story_id=i) for i in ids])
    if drain:
        transaction.on_commit(_drain_quietly)


def _drain_quietly() -> None:
    try:
        search_queue_drain()
    except SearchBusy:
        log.info("search index busy: queued stories wait for the next drain")
    except Exception:  # the change itself is committed; the queue keeps the work
        log.exception("search index update failed; the queue keeps it")


def search_queue_drain(*, batch: int = DRAIN_BATCH, heap: int = 15_000_000) -> int:
    """Index every queued story, `batch` at a time; return how many stories were written.

    Raises SearchBusy when another process holds the index writer (the queue stays).
    """
    engine = search_engine()
    written = 0
    writer = None
    try:
        while True:
            entries = list(
                SearchQueueEntry.objects.order_by("pk").values_list("pk", "story_id")[:batch]
            )
            if not entries:
                break
            if writer is None:
                writer = engine.writer(heap=heap, threads=1)
            ids = sorted({story_id for _, story_id in entries})
            docs, gone = search_docs(ids)
            written += engine.write(writer, docs, delete_ids=gone, version=entries[-1][0])
            writer.commit()
            SearchQueueEntry.objects.filter(pk__lte=entries[-1][0], story_id__in=ids).delete()
    finally:
        if writer is not None:
            writer.wait_merging_threads()
    return written


def search_reindex(
    *,
    batch: int = 2000,
    progress: Callable[[int, int], None] | None = None,
    heap: int = 256_000_000,
) -> int:
    """Rebuild the whole index from the database; return the number of stories indexed.

    Readers keep the old index until the one commit at the end. The embedded engine first
    counts the common grams of an archive of GRAMS_FROM stories or more on a sample of it.
    """
    from chenbao.stories.models import StoryPage

    engine = search_engine()
    ids = list(StoryPage.objects.order_by("pk").values_list("pk", flat=True))
    started = SearchQueueEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    sample = None
    if isinstance(engine, Engine) and len(ids) >= GRAMS_FROM:
        drawn = random.Random(len(ids)).sample(ids, min(len(ids), GRAMS_SAMPLE))
        sample = _sample_docs(drawn, batch)
    writer = engine.rebuilder(heap=heap, sample=sample)
    try:
        done = 0
        for start in range(0, len(ids), batch):
            docs, _ = search_docs(ids[start : start + batch])
            done += engine.write(writer, docs, replace=False, version=started)
            if progress:
                progress(min(start + batch, len(ids)), len(ids))
        writer.commit()
        writer.wait_merging_threads()
    except BaseException:
        writer.rollback()
        raise
    # What was queued before the rebuild read the database is in the index now.
    SearchQueueEntry.objects.filter(pk__lte=started).delete()
    return done


def _sample_docs(ids: list[int], batch: int) -> Iterable[SearchDoc]:
    for start in range(0, len(ids), batch):
        yield from search_docs(sorted(ids[start : start + batch]))[0]


def search_index_short() -> int:
    """How many stories the index lacks (0: it holds them all): a new folder, or one an
    upgrade emptied (engine.SCHEMA_VERSION)."""
    from chenbao.stories.models import StoryPage

    return max(0, StoryPage.objects.count() - search_engine().count())


def search_grams_missing() -> bool:
    """True for an embedded index of GRAMS_FROM stories or more whose common grams were never
    counted: it grew there story by story (an import indexing each batch, the queue), and
    only a rebuild counts them (one that found none counts: it is not run again and again).
    Its phrases are found all the same; a rebuild makes the common ones fast (decision 0019)."""
    engine = search_engine()
    return (
        isinstance(engine, Engine) and not engine.grams().counted and engine.count() >= GRAMS_FROM
    )


def search_rebuild_needed() -> bool:
    """The index is short of the database, or large and without its common grams."""
    return bool(search_index_short()) or search_grams_missing()


def search_catch_up() -> int | None:
    """Rebuild the index if it needs it (above); how many were indexed, None if it did
    not. The demo runs it; a deploy script runs `search-reindex --if-needed`."""
    return search_reindex() if search_rebuild_needed() else None


# --- searching ------------------------------------------------------------------------------


@dataclass
class SearchHit:
    """One story found, as the reader's page, the CLI and the API show it."""

    id: int
    title: str
    subtitle: str
    kicker: str
    date: dt.date | None
    page: str
    section: str
    bylines: list[str]
    url: str
    snippet: str  # escaped HTML with <mark>
    score: float
    withdrawn: bool = False
    live: bool = True
    kind: str = ""
    thumb_url: str = ""

    def as_json(self) -> dict:
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "kicker": self.kicker,
            "date": self.date.isoformat() if self.date else None,
            "page": self.page,
            "section": self.section,
            "bylines": self.bylines,
            "url": self.url,
            "snippet": str(self.snippet),
            "score": round(self.score, 4),
        }


@dataclass
class SearchPage:
    query: str
    total: int
    hits: list[SearchHit] = field(default_factory=list)
    offset: int = 0
    limit: int = 20


def story_search(
    *,
    query: str,
    filters: Filters | None = None,
    limit: int = 20,
    offset: int = 0,
    request=None,
) -> SearchPage:
    """Search the archive; readers get only live, not withdrawn stories (`filters`)."""
    query = query.strip()[:MAX_QUERY]
    filters = filters or Filters()
    found = search_engine().search(query, filters, limit=limit, offset=offset)
    marks = [piece for p in found.query.phrases for piece in p.text.split()]
    hits = _hits(found.ids, found.scores, marks, request)
    if len(hits) < len(found.ids):  # rows gone from the database since they were indexed
        missing = set(found.ids) - {h.id for h in hits}
        with transaction.atomic():
            search_queue_add(story_ids=missing)
    return SearchPage(query=query, total=found.total, hits=hits, offset=offset, limit=limit)


def story_related(*, story, limit: int = 5, request=None) -> list[SearchHit]:
    """Published stories like `story` (相关报道), best first."""
    doc = SearchDoc(
        id=story.pk,
        head=" ".join(filter(None, [story.kicker, story.title, story.subtitle])),
        body=body_text(story.body.raw_data),
        day=None,
    )
    try:
        ids = search_engine().related(doc, limit=limit)
    except Exception:  # an index not built yet must not break a story page
        log.warning("related stories unavailable", exc_info=True)
        return []
    return _hits(ids, [0.0] * len(ids), [], request)


def _hits(ids: Sequence[int], scores: Sequence[float], phrases: list[str], request) -> list:
    from chenbao.editions.models import StoryPlacement
    from chenbao.stories.models import StoryByline, StoryPage, StoryWithdrawal

    if not ids:
        return []
    stories = StoryPage.objects.filter(pk__in=ids).in_bulk()
    withdrawn = set(
        StoryWithdrawal.objects.filter(story_id__in=ids).values_list("story_id", flat=True)
    )
    names: dict[int, list[str]] = {}
    for story_id, name in (
        StoryByline.objects.filter(story_id__in=ids)
        .order_by("sort_order")
        .values_list("story_id", "contributor__name")
    ):
        names.setdefault(story_id, []).append(name)
    placed = {
        story_id: (number, date)
        for story_id, number, date in StoryPlacement.objects.filter(story_id__in=ids).values_list(
            "story_id", "page__number", "page__edition__date"
        )
    }
    sections = _section_titles([s.path[:-4] for s in stories.values()])
    hits = []
    for pk, score in zip(ids, scores, strict=True):
        story = stories.get(pk)
        if story is None:
            continue
        number, date = placed.get(pk, ("", None))
        if date is None and story.first_published_at:
            date = timezone.localdate(story.first_published_at)
        text = " ".join(filter(None, [story.dateline, body_text(story.body.raw_data)]))
        hits.append(
            SearchHit(
                id=pk,
                title=story.title,
                subtitle=story.subtitle,
                kicker=story.kicker,
                date=date,
                page=number,
                section=sections.get(story.path[:-4], ""),
                bylines=names.get(pk, []),
                url=story.get_url(request) or "" if story.live else "",
                snippet=snippet_html(text, phrases),
                score=score,
                withdrawn=pk in withdrawn,
                live=story.live,
                kind=KINDS["printed" if number else "web"],
                thumb_url=_thumb(date, number),
            )
        )
    return hits


def _section_titles(paths: list[str]) -> dict[str, str]:
    from chenbao.stories.models import SectionPage

    return dict(SectionPage.objects.filter(path__in=set(paths)).values_list("path", "title"))


def _thumb(date: dt.date | None, number: str) -> str:
    """The published page image's thumbnail, if the edition is public (finished)."""
    if not (date and number):
        return ""
    from chenbao.editions.epaper import edition_withheld
    from chenbao.editions.storage import publish_storage, published_url

    storage, folder = publish_storage(), date.isoformat()
    name = f"{folder}/{number}-thumb.png"
    try:
        public = storage.exists(name) and not edition_withheld(storage, folder)
    except Exception:  # a storage that cannot answer: no thumbnail, still a result
        return ""
    return published_url(name) if public else ""
