"""The embedded search engine: a tantivy index of character bigrams on local disk.

No Django here: documents in (`SearchDoc`), story ids and scores out. The index lives in one
folder; tantivy lets one writer hold it at a time (across processes, by a lock file), while
any number of readers search it. Terms are made by tokens.py and stored as whitespace-separated
text, so the index and the query always cut text the same way.

A story's whole text (head and body) is one field that every phrase must match; the head is
also a field of its own that only adds to the score. A query that reads the positions of many
stories is split into lanes of story ids searched on several cores at once (decision 0019).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import tantivy

from chenbao.archive.search.tokens import (
    ParsedQuery,
    Phrase,
    alnum_words,
    index_text,
    parse_query,
)

log = logging.getLogger(__name__)

HEAD_BOOST = 3.0  # a phrase in the kicker, headline or subtitle: its score there ×3, added
WRITER_HEAP = 64_000_000
SCHEMA_VERSION = "4"  # bump when the schema changes: the index is then emptied (reindex)
# Between the head's terms and the body's in the text field: a term no query can make
# (queries are cut by tokens.py, which never yields it), so no phrase runs from one to the other.
SEAM = "¦¦"
# A query whose phrase reads positions in at least this many stories is split across threads.
SPLIT_FROM = 20_000
# A split query's parts: the stories in runs of 1,024 ids dealt out in turn to 2, 3 or 4 lanes
# (a term each), so a part is a term to intersect with, and its stories lie in long runs
# that the phrase check skips whole.
LANE_RUN = 1024
LANES = (2, 3, 4)


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    b.add_text_field("text", tokenizer_name="whitespace")  # head, SEAM, body: must match
    b.add_text_field("head", tokenizer_name="whitespace")  # kicker, headline, subtitle: score
    # Latin and digit words alone (AED, 2022), for a one-word query: a term, not a regex
    b.add_text_field("text_words", tokenizer_name="whitespace", index_option="freq")
    b.add_text_field("head_words", tokenizer_name="whitespace", index_option="freq")
    b.add_integer_field("day", indexed=True, fast=True)  # YYYYMMDD
    b.add_text_field("section", tokenizer_name="raw")
    b.add_text_field("page", tokenizer_name="raw")
    b.add_text_field("byline", tokenizer_name="raw")
    b.add_text_field("kind", tokenizer_name="raw")
    b.add_unsigned_field("public", indexed=True, fast=True)  # 1: readers may find it
    b.add_text_field("lane", tokenizer_name="raw")  # "2:0" or "2:1", "3:0"…: see LANES
    return b.build()


SCHEMA = _schema()


@dataclass(frozen=True)
class SearchDoc:
    """What the index holds of one story."""

    id: int
    head: str  # kicker, headline, subtitle
    body: str  # dateline and body text
    day: dt.date | None
    sections: tuple[str, ...] = ()
    page: str = ""  # A02
    bylines: tuple[str, ...] = ()
    kind: str = ""  # printed / web
    public: bool = True  # live and not withdrawn


@dataclass(frozen=True)
class Filters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    section: str = ""
    page: str = ""
    byline: str = ""
    kind: str = ""
    public_only: bool = True  # readers; the newsroom sees withdrawn and unpublished too


@dataclass
class Hits:
    total: int
    ids: list[int] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    query: ParsedQuery = field(default_factory=ParsedQuery)


class SearchBusy(Exception):
    """Another process holds the index's writer lock."""


class SearchUnavailable(Exception):
    """The engine cannot answer now (a cluster down or unreachable): say so, do not crash."""


def day_number(value: dt.date) -> int:
    """A date as the integer YYYYMMDD both engines index and filter by."""
    return value.year * 10000 + value.month * 100 + value.day


class Engine:
    """One index folder. `threads`: how many cores one costly query may use; `split_from`:
    how many candidate stories make a query costly."""

    def __init__(self, path: str | Path, *, threads: int = 2, split_from: int = SPLIT_FROM):
        self.path = Path(path)
        self.threads = max(1, threads)
        self.split_from = split_from
        self._index: tantivy.Index | None = None
        self._pool: tuple[int, ThreadPoolExecutor] | None = None  # (process id, pool)

    # --- opening -----------------------------------------------------------------------------

    @property
    def index(self) -> tantivy.Index:
        if self._index is None:
            self.path.mkdir(parents=True, exist_ok=True)
            version = self.path / "chenbao-schema"
            if version.exists() and version.read_text() != SCHEMA_VERSION:
                log.warning(
                    "search index layout changed (%s -> %s): emptied; run `chenbao search-reindex`",
                    version.read_text(),
                    SCHEMA_VERSION,
                )
                self._wipe()
            self._index = tantivy.Index(SCHEMA, path=str(self.path), reuse=True)
            version.write_text(SCHEMA_VERSION)
        return self._index

    def _wipe(self) -> None:
        for entry in self.path.iterdir():
            if entry.is_file():
                entry.unlink()

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.path.iterdir() if f.is_file())

    # --- writing -----------------------------------------------------------------------------

    def writer(self, heap: int = WRITER_HEAP, threads: int = 0) -> tantivy.IndexWriter:
        try:
            return self.index.writer(heap_size=heap, num_threads=threads)
        except ValueError as exc:  # tantivy's LockBusy
            raise SearchBusy(str(exc)) from exc

    def write(
        self,
        writer,
        docs: Iterable[SearchDoc],
        delete_ids: Iterable[int] = (),
        *,
        replace: bool = True,
        version: int = 0,
    ) -> int:
        """Replace the given documents (and delete `delete_ids`); the caller commits.
        `replace=False`: add only (an index just cleared, rebuilt from scratch). `version`
        is for engines without a writer lock (opensearch.py); one writer needs none."""
        n = 0
        for doc_id in delete_ids:
            writer.delete_documents_by_query(self._id_query(doc_id))
        for doc in docs:
            if replace:
                writer.delete_documents_by_query(self._id_query(doc.id))
            writer.add_document(_document(doc))
            n += 1
        return n

    @staticmethod
    def _id_query(doc_id: int) -> tantivy.Query:
        # delete_documents_by_term does not match an unsigned field's term from Python's int
        # (tantivy-py 0.27: the term is built as i64); a term query does.
        return tantivy.Query.term_query(SCHEMA, "id", doc_id)

    def update(self, docs: Sequence[SearchDoc], delete_ids: Iterable[int] = ()) -> int:
        """Write and commit at once (a small change: a story published, withdrawn, deleted)."""
        writer = self.writer(heap=15_000_000, threads=1)
        try:
            n = self.write(writer, docs, delete_ids)
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        return n

    def rebuilder(self, heap: int = WRITER_HEAP) -> tantivy.IndexWriter:
        """A writer whose index starts empty; readers see the old one until it commits."""
        writer = self.writer(heap=heap)
        self.clear(writer)
        return writer

    def clear(self, writer) -> None:
        writer.delete_all_documents()

    # --- reading -----------------------------------------------------------------------------

    def searcher(self) -> tantivy.Searcher:
        self.index.reload()
        return self.index.searcher()

    def count(self) -> int:
        return self.searcher().num_docs

    def search(
        self,
        query: str | ParsedQuery,
        filters: Filters | None = None,
        *,
        limit: int = 20,
        offset: int = 0,
    ) -> Hits:
        filters = filters or Filters()
        parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
        if parsed.empty:
            return Hits(total=0, query=parsed)
        searcher = self.searcher()
        freq = _DocFreq(searcher)
        pinned = {p: spanning_terms(p.terms, freq) for p in parsed.phrases if not p.single}
        clauses = []
        for phrase in parsed.phrases:  # every phrase somewhere in the story; in the head, more
            clauses.append((tantivy.Occur.Must, self._phrase(phrase, "text", pinned)))
            head = self._phrase(phrase, "head", pinned)
            clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(head, HEAD_BOOST)))
        clauses += self._filters(filters)
        parts = self._parts(parsed, pinned, freq)
        return self._run(clauses, parsed, limit, offset, searcher=searcher, parts=parts)

    def related(self, doc: SearchDoc, *, limit: int = 5, terms: int = 12) -> list[int]:
        """Stories like `doc` (相关报道): its most telling headline and body bigrams, by how
        rare they are in the archive, searched as alternatives; `doc` itself left out."""
        searcher = self.searcher()
        total = max(1, searcher.num_docs)
        head = [t for t in index_text(doc.head).split() if "|" not in t]
        body = [t for t in index_text(doc.body[:600]).split() if "|" not in t]
        weights: dict[str, float] = {}
        for term in head + body:
            if term in weights:
                weights[term] += 0.3
                continue
            df = searcher.doc_freq("text", term)
            if df < 2 or df > max(2, total * 0.2):  # only in this story, or in too many
                continue
            weights[term] = (2.0 if term in head else 1.0) * (1 + (total / df) ** 0.25)
        best = sorted(weights, key=weights.__getitem__, reverse=True)[:terms]
        if not best:
            return []
        should = [
            (
                tantivy.Occur.Should,
                tantivy.Query.boost_query(tantivy.Query.term_query(SCHEMA, "text", t), weights[t]),
            )
            for t in best
        ]
        clauses = [
            (tantivy.Occur.Must, tantivy.Query.boolean_query(should, 2)),
            (tantivy.Occur.MustNot, tantivy.Query.term_query(SCHEMA, "id", doc.id)),
            *self._filters(Filters()),
        ]
        return self._run(clauses, ParsedQuery(), limit, 0, searcher=searcher).ids

    # --- inside ------------------------------------------------------------------------------

    @staticmethod
    def _phrase(
        phrase: Phrase, field_name: str, pinned: dict[Phrase, list[tuple[int, str]]]
    ) -> tantivy.Query:
        if phrase.single and phrase.latin:
            return tantivy.Query.term_query(SCHEMA, f"{field_name}_words", phrase.single)
        if phrase.single:
            return tantivy.Query.regex_query(SCHEMA, field_name, phrase.unit_pattern())
        if len(phrase.terms) == 1:
            return tantivy.Query.term_query(SCHEMA, field_name, phrase.terms[0])
        terms: list[str | tuple[int, str]] = [*pinned[phrase]]
        return tantivy.Query.phrase_query(SCHEMA, field_name, terms)

    def _parts(
        self,
        parsed: ParsedQuery,
        pinned: dict[Phrase, list[tuple[int, str]]],
        freq: _DocFreq,
    ) -> int:
        """How many lanes to search at once: more than one only for a query that reads the
        positions of at least `split_from` stories (a phrase common in the archive). A
        character or word alone is not counted (no split is safe)."""
        if self.threads < 2:
            return 1
        if not any(len(p.terms) > 1 for p in parsed.phrases):
            return 1  # term lookups only: cheaper than handing them to threads
        candidates = min(min(freq(term) for _, term in terms) for terms in pinned.values())
        return min(self.threads, max(LANES)) if candidates >= self.split_from else 1

    def _filters(self, f: Filters) -> list[tuple[tantivy.Occur, tantivy.Query]]:
        out = []
        if f.date_from or f.date_to:
            days = tantivy.Query.range_query(
                SCHEMA,
                "day",
                tantivy.FieldType.Integer,
                day_number(f.date_from) if f.date_from else None,
                day_number(f.date_to) if f.date_to else None,
            )
            out.append(_only(days))
        for name, value in (
            ("section", f.section),
            ("page", f.page.upper()),
            ("byline", f.byline),
            ("kind", f.kind),
        ):
            if value:
                out.append(_only(tantivy.Query.term_query(SCHEMA, name, value.strip())))
        if f.public_only:
            # "not withdrawn" is a short list to skip; "public" would be one entry per story
            out.append((tantivy.Occur.MustNot, tantivy.Query.term_query(SCHEMA, "public", 0)))
        return out

    def _run(
        self,
        clauses: list[tuple[tantivy.Occur, tantivy.Query]],
        parsed: ParsedQuery,
        limit: int,
        offset: int,
        *,
        searcher: tantivy.Searcher,
        parts: int = 1,
    ) -> Hits:
        # Ranking: BM25, then the newer story first among equal scores. The window fetched is
        # wider than the page so that the tie-break sees the ties around its edges.
        window = offset + limit + 64
        queries = [tantivy.Query.boolean_query(clauses + lane) for lane in self._lanes(parts)]

        def run(query: tantivy.Query) -> tantivy.SearchResult:
            return searcher.search(query, limit=window, count=True)

        # Each lane's best `window` holds every story of the overall best `window` that lies
        # in it, and the scores are the same (one searcher, one set of statistics): merged,
        # the answer is the unsplit query's. tantivy lets go of the GIL meanwhile.
        results = [run(queries[0])] if parts < 2 else list(self._threads().map(run, queries))
        total = sum(result.count for result in results)  # type: ignore[attr-defined]
        hits = [hit for result in results for hit in result.hits]
        if not hits:
            return Hits(total=total, query=parsed)
        addresses = [address for _, address in hits]
        ids = [int(i or 0) for i in searcher.fast_field_values("id", addresses)]
        days = [int(d or 0) for d in searcher.fast_field_values("day", addresses)]
        ranked = sorted(
            zip(hits, ids, days, strict=True),
            key=lambda row: (-round(row[0][0], 3), -row[2], -row[1]),
        )[offset : offset + limit]
        return Hits(
            total=total,
            ids=[row[1] for row in ranked],
            scores=[row[0][0] for row in ranked],
            query=parsed,
        )

    @staticmethod
    def _lanes(parts: int) -> list[list[tuple[tantivy.Occur, tantivy.Query]]]:
        """`parts` clauses that split the stories into lanes of about equal size."""
        if parts < 2:
            return [[]]
        return [
            [_only(tantivy.Query.term_query(SCHEMA, "lane", f"{parts}:{k}"))] for k in range(parts)
        ]

    def _threads(self) -> ThreadPoolExecutor:
        # a pool's threads do not survive a fork (gunicorn's workers): one per process
        if self._pool is None or self._pool[0] != os.getpid():
            self._pool = (
                os.getpid(),
                ThreadPoolExecutor(self.threads, thread_name_prefix="search"),
            )
        return self._pool[1]


def _only(query: tantivy.Query) -> tuple[tantivy.Occur, tantivy.Query]:
    """A clause that narrows the hits and adds nothing to their scores."""
    return (tantivy.Occur.Must, tantivy.Query.const_score_query(query, 0.0))


class _DocFreq:
    """How many stories hold a term of the text field, each asked once per search."""

    def __init__(self, searcher: tantivy.Searcher):
        self.searcher = searcher
        self.known: dict[str, int] = {}

    def __call__(self, term: str) -> int:
        if term not in self.known:
            self.known[term] = self.searcher.doc_freq("text", term)
        return self.known[term]


def spanning_terms(
    terms: tuple[str, ...], freq: Callable[[str], int] | None = None
) -> list[tuple[int, str]]:
    """The fewest of a phrase's terms, at their offsets, that still pin every unit of it.

    Term k of a phrase is units k and k+1 (tokens.index_text), so every other term, and the
    last, cover all its units at the same positions: 老旧小区改造 is 老旧 @0, 小区 @2, 改造 @4
    instead of five terms. The stories found are the same; the phrase check reads half the
    position lists, which is what a phrase common in the archive costs (decision 0019).

    With `freq` (stories per term), the rarest of the other terms joins them when it makes the
    check cheaper (stories to check × lists to read): 建设民生 is 建设 @0, 设民 @1, 民生 @2
    when 设民 is rare and 建设 and 民生 are everywhere, so only the few stories with 设民
    have their positions read.
    """
    picked = list(range(0, len(terms), 2))
    if picked[-1] != len(terms) - 1:
        picked.append(len(terms) - 1)
    rest = [i for i in range(len(terms)) if i not in picked]
    if freq is not None and rest:
        rarest = min(rest, key=lambda i: freq(terms[i]))
        now = min(freq(terms[i]) for i in picked)
        if min(now, freq(terms[rarest])) * (len(picked) + 1) < now * len(picked):
            picked = sorted([*picked, rarest])
    return [(i, terms[i]) for i in picked]


def doc_fields(doc: SearchDoc) -> tuple:
    """The document's fields as plain strings and numbers: the costly part (tokenising), made
    apart from tantivy so that worker processes can do it."""
    return (
        doc.id,
        index_text(doc.head),
        index_text(doc.body),
        alnum_words(doc.head),
        alnum_words(doc.body),
        day_number(doc.day) if doc.day else None,
        doc.sections,
        doc.page.upper(),
        doc.bylines,
        doc.kind,
        1 if doc.public else 0,
    )


def document_from_fields(fields: tuple) -> tantivy.Document:
    doc_id, head, body, head_words, body_words, day, sections, page, bylines, kind, public = fields
    d = tantivy.Document()
    d.add_unsigned("id", doc_id)
    d.add_text("text", f"{head} {SEAM} {body}")
    d.add_text("head", head)
    d.add_text("text_words", f"{head_words} {body_words}")
    d.add_text("head_words", head_words)
    if day:
        d.add_integer("day", day)
    for section in sections:
        d.add_text("section", section)
    if page:
        d.add_text("page", page)
    for name in bylines:
        d.add_text("byline", name)
    if kind:
        d.add_text("kind", kind)
    d.add_unsigned("public", public)
    for lanes in LANES:
        d.add_text("lane", f"{lanes}:{doc_id // LANE_RUN % lanes}")
    return d


def _document(doc: SearchDoc) -> tantivy.Document:
    return document_from_fields(doc_fields(doc))


def engine_at(path: str | Path, threads: int = 2) -> Engine:
    """One Engine per folder and process (tantivy's reader is meant to be shared)."""
    key = os.path.abspath(path)
    engine = _ENGINES.get(key)
    if engine is None:
        engine = _ENGINES[key] = Engine(key, threads=threads)
    return engine


_ENGINES: dict[str, Engine] = {}
