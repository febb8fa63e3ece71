"""Import a whole archive folder of page dumps: parsed in parallel, stored in batches.

Worker processes read, hash and parse the dumps (archive/dumps.py, pure); this process
stores them in batches through `editions.services.printed.pages_store_printed`, one
transaction a batch. A file whose bytes are those of its last import is skipped; a file
that cannot be read or parsed is reported with its path and the reason and never stops the
run; a batch that fails to store is stored again page by page, so one bad page costs only
itself and never leaves half a page.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from chenbao.archive.dumps import (
    MAX_PAGE_BYTES,
    DumpFile,
    DumpRead,
    Skipped,
    dump_read,
    dump_read_packed,
    dumps_find,
)
from chenbao.archive.importer import printed_page
from chenbao.archive.search.services import search_queue_add
from chenbao.editions.models import PrintedPage
from chenbao.editions.services.printed import archive_editions_publish, pages_store_printed

log = logging.getLogger(__name__)

BATCH = 200


@dataclass
class Failed:
    relative: str
    reason: str


@dataclass
class ArchiveImported:
    """What a run did: counts, and every file it could not take with the reason."""

    found: int = 0
    pages: int = 0  # stored (new or changed)
    unchanged: int = 0  # skipped: the same bytes as their last import
    stories: int = 0
    editions: set[int] = field(default_factory=set)
    skipped: list[Skipped] = field(default_factory=list)  # not page dumps
    failed: list[Failed] = field(default_factory=list)
    story_ids: list[int] = field(default_factory=list)  # stored: for the search index


def archive_import(
    root: str | Path,
    *,
    workers: int = 2,
    dry_run: bool = False,
    batch: int = BATCH,
    progress: Callable[[int, int], None] | None = None,
    user=None,
    max_bytes: int = MAX_PAGE_BYTES,
    index: bool = True,
    reparse: bool = False,
) -> ArchiveImported:
    """Import every page dump under `root` (see archive/dumps.py for the layout).

    `progress(done, total)` is called as files are taken. With `dry_run`, files are read
    and parsed and nothing is stored. A file above `max_bytes` is refused unread. With
    `index=False` the stories are queued for the search index but not indexed (a very large
    import is faster indexed once afterwards: `chenbao search-reindex`). With `reparse`, the
    files unchanged since their last import are read and imported in place again too (after
    an upgrade that reads pages better).
    """
    dumps, skipped = dumps_find(root)
    refused = [s for s in skipped if s.duplicate or s.refused]
    result = ArchiveImported(found=len(dumps), skipped=[s for s in skipped if s not in refused])
    result.failed = [Failed(s.relative, s.reason) for s in refused]
    known = {} if reparse else _known_hashes(dumps)
    pending: list[DumpRead] = []
    for done, read in enumerate(_reads(dumps, known, workers, max_bytes), start=1):
        if read.error:
            result.failed.append(Failed(read.dump.relative, read.error))
        elif read.unchanged:
            result.unchanged += 1
        else:
            pending.append(read)
        if len(pending) >= batch:
            _store(pending, result, dry_run=dry_run, user=user, index=index)
            pending = []
        if progress:
            progress(done, len(dumps))
    _store(pending, result, dry_run=dry_run, user=user, index=index)
    if result.editions and not dry_run:
        _text_editions(result)
    return result


def _text_editions(result: ArchiveImported) -> None:
    """The imported days on the reader's e-paper calendar, each with its pages' headlines.
    The pages are stored whatever happens here: a storage that fails is logged, and a run
    with `--reparse` writes them."""
    try:
        archive_editions_publish(edition_ids=sorted(result.editions))
    except Exception:
        log.exception("the imported editions could not be put on the e-paper calendar")


def _known_hashes(dumps: list[DumpFile]) -> dict[tuple, str]:
    """The source hash of each page already imported, by (date, number)."""
    dates = {d.date for d in dumps}
    rows = PrintedPage.objects.filter(edition__date__in=dates).exclude(source_sha256="")
    return {
        (date, number): sha
        for date, number, sha in rows.values_list("edition__date", "number", "source_sha256")
    }


def _reads(
    dumps: list[DumpFile], known: dict[tuple, str], workers: int, max_bytes: int
) -> Iterator[DumpRead]:
    jobs = [(d, known.get((d.date, d.number), ""), max_bytes) for d in dumps]
    if workers <= 1 or len(jobs) < 2:
        for job in jobs:
            yield dump_read(*job)
        return
    # "spawn": the workers import only the parser, never Django or a database connection.
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        yield from pool.imap(dump_read_packed, jobs, chunksize=16)


def _store(
    reads: list[DumpRead], result: ArchiveImported, *, dry_run: bool, user, index: bool = True
) -> None:
    if not reads:
        return
    if dry_run:
        result.pages += len(reads)
        result.stories += sum(len(r.page.stories) for r in reads if r.page)
        return
    try:
        _store_batch(reads, result, user, index)
    except Exception:
        log.warning("a batch of %d pages failed; storing them one by one", len(reads))
        for read in reads:
            try:
                _store_batch([read], result, user, index)
            except Exception as exc:
                log.exception("page %s could not be stored", read.dump.relative)
                result.failed.append(Failed(read.dump.relative, f"could not be stored ({exc})"))


def _store_batch(reads: list[DumpRead], result: ArchiveImported, user, index: bool) -> None:
    # The batch's stories are queued for the search index in the batch's own transaction;
    # the index takes them right after its commit (archive/search/services.py).
    with transaction.atomic():
        stored = pages_store_printed(pages=[printed_page(r) for r in reads], user=user)
        search_queue_add(story_ids=stored.stories, drain=index)
    result.pages += len(stored.pages)
    result.stories += len(stored.stories)
    result.editions |= stored.editions
    result.story_ids += stored.stories
