"""The embedded search engine: a tantivy index of character bigrams on local disk.

No Django here: documents in (`SearchDoc`), story ids and scores out. The index lives in one
folder; tantivy lets one writer hold it at a time (across processes, by a lock file), while
any number of readers search it. Terms are made by tokens.py and stored as whitespace-separated
text, so the index and the query always cut text the same way.

A story's whole text (head and body) is one field that every phrase must match; the head is
also a field of its own that only adds to the score. A query that reads the positions of many
stories is split into lanes of story ids searched on several cores at once; a phrase made of
strings that many stories hold is looked up as whole grams of four or six units (decision
0019).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import tantivy

from chenbao.archive.search.tokens import (
    FILLER,
    GRAM,
    LONG_GRAM,
    ParsedQuery,
    Phrase,
    alnum_words,
    common_grams,
    framed_units,
    gram_cover,
    gram_text,
    gram_units,
    index_text,
    pair_text,
    parse_query,
)

log = logging.getLogger(__name__)

HEAD_BOOST = 3.0  # a phrase in the kicker, headline or subtitle: its score there ×3, added
WRITER_HEAP = 64_000_000
SCHEMA_VERSION = "6"  # bump when the schema changes: the index is then emptied (reindex)
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
# Grams (tokens.py) are kept for an archive of at least GRAMS_FROM stories, counted on a
# sample of GRAMS_SAMPLE of them when it is rebuilt; below that every phrase is cheap.
GRAMS_FROM = 50_000
GRAMS_SAMPLE = 10_000
GRAMS_FILE = "chenbao-grams"
GRAM_ANALYZER = "chenbao_grams"
NO_GRAMS = "-"  # the list a story was written with, when none was kept


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
    # the common grams (tokens.gram_text) of head and body, and of the head alone, of four
    # units (quad) and of six (hexa); `grams` names the list they were kept by, so a search
    # knows whether every story has them
    b.add_text_field("quad", tokenizer_name=GRAM_ANALYZER)
    b.add_text_field("head_quad", tokenizer_name=GRAM_ANALYZER)
    b.add_text_field("hexa", tokenizer_name=GRAM_ANALYZER)
    b.add_text_field("head_hexa", tokenizer_name=GRAM_ANALYZER)
    b.add_text_field("grams", tokenizer_name="raw")
    return b.build()


def _gram_analyzer() -> tantivy.TextAnalyzer:
    # whitespace-split, fillers dropped: the grams keep their positions, fillers cost nothing
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
        .filter(tantivy.Filter.custom_stopword([FILLER]))
        .build()
    )


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


@dataclass(frozen=True)
class Grams:
    """The common grams an index keeps (tokens.common_grams), and the list's name."""

    version: str = NO_GRAMS
    kept: dict[str, str] = field(default_factory=dict)  # of four units: gram -> itself
    long: dict[str, str] = field(default_factory=dict)  # of six units
    counted: int = 0  # the stories of the sample they were counted on (0: never counted)

    @classmethod
    def of(cls, grams: Iterable[str], *, counted: int = 0) -> Grams:
        """The list of grams of four and six units (others are not kept)."""
        by_length: dict[int, dict[str, str]] = {GRAM: {}, LONG_GRAM: {}}
        for g in set(grams):
            if (n := gram_units(g)) in by_length:
                by_length[n][g] = g  # a dict: the lookups while writing are in C
        listed = sorted([*by_length[GRAM], *by_length[LONG_GRAM]])
        if not listed:
            return cls(counted=counted)
        digest = hashlib.sha256("\n".join(listed).encode()).hexdigest()[:16]
        return cls(digest, by_length[GRAM], by_length[LONG_GRAM], counted)

    def of_length(self, n: int) -> dict[str, str]:
        return self.long if n == LONG_GRAM else self.kept

    @property
    def listed(self) -> list[str]:
        return sorted([*self.kept, *self.long])


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
    how many candidate stories make a query costly; `grams`: False reads pairs only (the
    bench's comparison)."""

    def __init__(
        self,
        path: str | Path,
        *,
        threads: int = 2,
        split_from: int = SPLIT_FROM,
        grams: bool = True,
    ):
        self.path = Path(path)
        self.threads = max(1, threads)
        self.split_from = split_from
        self.use_grams = grams
        self._index: tantivy.Index | None = None
        self._pool: tuple[int, ThreadPoolExecutor] | None = None  # (process id, pool)
        self._grams: tuple[int, Grams] = (0, Grams())  # (file's mtime_ns, list)

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
            self._index.register_tokenizer(GRAM_ANALYZER, _gram_analyzer())
            version.write_text(SCHEMA_VERSION)
        return self._index

    def grams(self) -> Grams:
        """The grams kept by the writes from now on (the folder's list, read when it changes)."""
        try:
            changed = (self.path / GRAMS_FILE).stat().st_mtime_ns
        except FileNotFoundError:
            return Grams()
        if changed != self._grams[0]:
            self._grams = (changed, self._grams_read())
        return self._grams[1]

    def _grams_read(self) -> Grams:
        try:
            data = json.loads((self.path / GRAMS_FILE).read_text(encoding="utf-8"))
            grams, counted = data["grams"], data.get("counted", 0)
            if not isinstance(grams, list) or not all(isinstance(g, str) for g in grams):
                raise TypeError("not a list of strings")
            if not isinstance(counted, int):
                raise TypeError("counted: not a number")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            # searches and writes go on without grams (the pairs answer the same)
            log.warning(
                "search index's list of grams %s unreadable (%s): not used; "
                "run `chenbao search-reindex`",
                self.path / GRAMS_FILE,
                exc,
            )
            return Grams()
        return Grams.of(grams, counted=counted)

    def keep_grams(self, grams: Iterable[str], *, counted: int = 0) -> Grams:
        """Keep these grams in the stories written from now on (a rebuild writes them all).
        `counted`: the stories of the sample they were counted on (a count that found none
        is still a count: the archive is not counted again until the next rebuild)."""
        kept = Grams.of(grams, counted=counted)
        self.index  # noqa: B018  # the folder, emptied first if its layout is old
        temporary = self.path / f"{GRAMS_FILE}.new"
        record = {"version": kept.version, "grams": kept.listed, "counted": counted}
        temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        temporary.replace(self.path / GRAMS_FILE)
        self._grams = ((self.path / GRAMS_FILE).stat().st_mtime_ns, kept)
        return kept

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
        grams = self.grams()
        for doc_id in delete_ids:
            writer.delete_documents_by_query(self._id_query(doc_id))
        for doc in docs:
            if replace:
                writer.delete_documents_by_query(self._id_query(doc.id))
            writer.add_document(document_from_fields(doc_fields(doc, grams)))
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

    def rebuilder(
        self, heap: int = WRITER_HEAP, *, sample: Iterable[SearchDoc] | None = None
    ) -> tantivy.IndexWriter:
        """A writer whose index starts empty; readers see the old one until it commits.
        `sample`: stories of the archive (GRAMS_SAMPLE, drawn at random) to count its
        common grams on, for an archive of GRAMS_FROM stories or more; None keeps no grams."""
        writer = self.writer(heap=heap)
        self.clear(writer)
        # Held by the writer's lock: no other write comes between the list and the stories.
        # Until the commit, readers see stories of the old list, so they do not use the new.
        texts = [(d.head, d.body) for d in sample or ()]
        self.keep_grams(common_grams(texts) if texts else (), counted=len(texts))
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
        freq = _doc_freqs(searcher)
        plans = self._plans(parsed, searcher, freq)
        clauses = []
        for phrase in parsed.phrases:  # every phrase somewhere in the story; in the head, more
            clauses.append((tantivy.Occur.Must, self._phrase(phrase, "text", plans)))
            head = self._phrase(phrase, "head", plans)
            clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(head, HEAD_BOOST)))
        clauses += self._filters(filters)
        parts = self._parts(plans, freq)
        return self._run(clauses, parsed, limit, offset, searcher=searcher, parts=parts)

    def plans(self, query: str) -> dict[Phrase, Plan]:
        """How each phrase of `query` would be looked up now (for tests and the curious)."""
        searcher = self.searcher()
        return self._plans(parse_query(query), searcher, _doc_freqs(searcher))

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

    def _plans(
        self, parsed: ParsedQuery, searcher: tantivy.Searcher, freq: dict[int, _DocFreq]
    ) -> dict[Phrase, Plan]:
        """Each phrase's terms: whole grams when the index keeps them all for every story
        (of six units first: fewer terms, held by fewer stories), else the pairs that pin its
        units (spanning_terms)."""
        grams = self._grams_held(searcher)
        plans = {}
        for phrase in parsed.phrases:
            if phrase.single:
                continue
            for n in (LONG_GRAM, GRAM):
                cover = gram_cover(phrase.units, n)
                kept = grams.of_length(n)
                if cover and all(gram in kept for _, gram in cover):
                    plans[phrase] = Plan(cover, gram=n)
                    break
            else:
                plans[phrase] = Plan(spanning_terms(phrase.terms, freq[0]))
        return plans

    def _grams_held(self, searcher: tantivy.Searcher) -> Grams:
        """The kept grams, if every story this searcher sees (deleted ones not yet merged
        away included) was written with that list; none otherwise (a rebuild not committed
        yet, or one that failed: the pairs answer the same, more slowly)."""
        grams = self.grams()
        if grams.version == NO_GRAMS or not self.use_grams:
            return Grams()
        held = searcher.terms_with_prefix("grams", "")
        return grams if [term for term, _ in held] == [grams.version] else Grams()

    @staticmethod
    def _phrase(phrase: Phrase, field_name: str, plans: dict[Phrase, Plan]) -> tantivy.Query:
        if phrase.single and phrase.latin:
            return tantivy.Query.term_query(SCHEMA, f"{field_name}_words", phrase.single)
        if phrase.single:
            return tantivy.Query.regex_query(SCHEMA, field_name, phrase.unit_pattern())
        plan = plans[phrase]
        if plan.gram:
            field_name = GRAM_FIELDS[field_name, plan.gram]
        if len(plan.terms) == 1:
            return tantivy.Query.term_query(SCHEMA, field_name, plan.terms[0][1])
        terms: list[str | tuple[int, str]] = [*plan.terms]
        return tantivy.Query.phrase_query(SCHEMA, field_name, terms)

    def _parts(self, plans: dict[Phrase, Plan], freq: dict[int, _DocFreq]) -> int:
        """How many lanes to search at once: more than one only for a query that reads the
        positions of at least `split_from` stories (a phrase common in the archive). A
        character or word alone is not counted (no split is safe)."""
        if self.threads < 2:
            return 1
        positional = [plan for plan in plans.values() if len(plan.terms) > 1]
        if not positional:
            return 1  # term lookups only: cheaper than handing them to threads
        candidates = min(min(freq[p.gram](t) for _, t in p.terms) for p in positional)
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


GRAM_FIELDS = {
    ("text", GRAM): "quad",
    ("head", GRAM): "head_quad",
    ("text", LONG_GRAM): "hexa",
    ("head", LONG_GRAM): "head_hexa",
}


def _doc_freqs(searcher: tantivy.Searcher) -> dict[int, _DocFreq]:
    """Stories per term, asked once per search: of pairs (0) and of grams of 4 and 6 units."""
    return {
        0: _DocFreq(searcher, "text"),
        GRAM: _DocFreq(searcher, "quad"),
        LONG_GRAM: _DocFreq(searcher, "hexa"),
    }


@dataclass(frozen=True)
class Plan:
    """A phrase's terms at their offsets, and the units of the grams they are (0: pairs)."""

    terms: list[tuple[int, str]]
    gram: int = 0

    @property
    def grams(self) -> bool:
        return self.gram > 0


class _DocFreq:
    """How many stories hold a term of one field, each asked once per search."""

    def __init__(self, searcher: tantivy.Searcher, field_name: str):
        self.searcher = searcher
        self.field_name = field_name
        self.known: dict[str, int] = {}

    def __call__(self, term: str) -> int:
        if term not in self.known:
            self.known[term] = self.searcher.doc_freq(self.field_name, term)
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


def doc_fields(doc: SearchDoc, grams: Grams | None = None) -> tuple:
    """The document's fields as plain strings and numbers: the costly part (tokenising), made
    apart from tantivy so that worker processes can do it. `grams`: the common grams kept."""
    grams = grams or Grams()
    head, body = framed_units(doc.head), framed_units(doc.body)
    return (
        doc.id,
        pair_text(head),
        pair_text(body),
        alnum_words(doc.head),
        alnum_words(doc.body),
        day_number(doc.day) if doc.day else None,
        doc.sections,
        doc.page.upper(),
        doc.bylines,
        doc.kind,
        1 if doc.public else 0,
        gram_text(head, grams.kept),
        gram_text(body, grams.kept),
        gram_text(head, grams.long, LONG_GRAM),
        gram_text(body, grams.long, LONG_GRAM),
        grams.version,
    )


def document_from_fields(fields: tuple) -> tantivy.Document:
    (doc_id, head, body, head_words, body_words, day, sections, page, bylines, kind, public) = (
        fields[:11]
    )
    head_grams, body_grams, head_long, body_long, grams = fields[11:]
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
    # fillers between head and body as many as a gram's units: no phrase of grams (offsets
    # at most a gram's length apart) runs across
    for field_name, n, in_head, in_body in (
        ("quad", GRAM, head_grams, body_grams),
        ("hexa", LONG_GRAM, head_long, body_long),
    ):
        if in_head or in_body:
            d.add_text(field_name, f"{in_head} {' '.join([FILLER] * n)} {in_body}")
            d.add_text(f"head_{field_name}", in_head)
    d.add_text("grams", grams)
    return d


def engine_at(path: str | Path, threads: int = 2) -> Engine:
    """One Engine per folder and process (tantivy's reader is meant to be shared)."""
    key = os.path.abspath(path)
    engine = _ENGINES.get(key)
    if engine is None:
        engine = _ENGINES[key] = Engine(key, threads=threads)
    return engine


_ENGINES: dict[str, Engine] = {}
