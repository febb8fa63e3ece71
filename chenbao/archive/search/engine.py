"""The embedded search engine: a tantivy index of character bigrams on local disk.

No Django here: documents in (`SearchDoc`), story ids and scores out. The index lives in one
folder; tantivy lets one writer hold it at a time (across processes, by a lock file), while
any number of readers search it. Terms are made by tokens.py and stored as whitespace-separated
text, so the index and the query always cut text the same way.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
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

HEAD_BOOST = 3.0  # a phrase in the kicker, headline or subtitle counts thrice one in the body
WRITER_HEAP = 64_000_000
SCHEMA_VERSION = "3"  # bump when the schema changes: the index is then rebuilt


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    b.add_text_field("head", tokenizer_name="whitespace")
    b.add_text_field("body", tokenizer_name="whitespace")
    # Latin and digit words alone (AED, 2022), for a one-word query: a term, not a regex
    b.add_text_field("head_words", tokenizer_name="whitespace", index_option="freq")
    b.add_text_field("body_words", tokenizer_name="whitespace", index_option="freq")
    b.add_integer_field("day", indexed=True, fast=True)  # YYYYMMDD
    b.add_text_field("section", tokenizer_name="raw")
    b.add_text_field("page", tokenizer_name="raw")
    b.add_text_field("byline", tokenizer_name="raw")
    b.add_text_field("kind", tokenizer_name="raw")
    b.add_unsigned_field("public", indexed=True, fast=True)  # 1: readers may find it
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
    """One index folder."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._index: tantivy.Index | None = None

    # --- opening -----------------------------------------------------------------------------

    @property
    def index(self) -> tantivy.Index:
        if self._index is None:
            self.path.mkdir(parents=True, exist_ok=True)
            version = self.path / "chenbao-schema"
            if version.exists() and version.read_text() != SCHEMA_VERSION:
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
        clauses = [(tantivy.Occur.Must, self._phrase(p)) for p in parsed.phrases]
        clauses += [(tantivy.Occur.Must, q) for q in self._filters(filters)]
        return self._run(tantivy.Query.boolean_query(clauses), parsed, limit, offset)

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
            df = searcher.doc_freq("body", term)
            if df < 2 or df > max(2, total * 0.2):  # only in this story, or in too many
                continue
            weights[term] = (2.0 if term in head else 1.0) * (1 + (total / df) ** 0.25)
        best = sorted(weights, key=weights.__getitem__, reverse=True)[:terms]
        if not best:
            return []
        should = [
            (
                tantivy.Occur.Should,
                tantivy.Query.boost_query(tantivy.Query.term_query(SCHEMA, "body", t), weights[t]),
            )
            for t in best
        ]
        query = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, tantivy.Query.boolean_query(should, 2)),
                (tantivy.Occur.Must, tantivy.Query.term_query(SCHEMA, "public", 1)),
                (tantivy.Occur.MustNot, tantivy.Query.term_query(SCHEMA, "id", doc.id)),
            ]
        )
        hits = self._run(query, ParsedQuery(), limit, 0, searcher=searcher)
        return hits.ids

    # --- inside ------------------------------------------------------------------------------

    def _phrase(self, phrase: Phrase) -> tantivy.Query:
        def on(field_name: str) -> tantivy.Query:
            if phrase.single and phrase.latin:
                return tantivy.Query.term_query(SCHEMA, f"{field_name}_words", phrase.single)
            if phrase.single:
                return tantivy.Query.regex_query(SCHEMA, field_name, phrase.unit_pattern())
            if len(phrase.terms) == 1:
                return tantivy.Query.term_query(SCHEMA, field_name, phrase.terms[0])
            return tantivy.Query.phrase_query(SCHEMA, field_name, spanning_terms(phrase.terms))

        return tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Should, tantivy.Query.boost_query(on("head"), HEAD_BOOST)),
                (tantivy.Occur.Should, on("body")),
            ]
        )

    def _filters(self, f: Filters) -> list[tantivy.Query]:
        out = []
        if f.date_from or f.date_to:
            out.append(
                tantivy.Query.range_query(
                    SCHEMA,
                    "day",
                    tantivy.FieldType.Integer,
                    day_number(f.date_from) if f.date_from else None,
                    day_number(f.date_to) if f.date_to else None,
                )
            )
        for name, value in (
            ("section", f.section),
            ("page", f.page.upper()),
            ("byline", f.byline),
            ("kind", f.kind),
        ):
            if value:
                out.append(tantivy.Query.term_query(SCHEMA, name, value.strip()))
        if f.public_only:
            out.append(tantivy.Query.term_query(SCHEMA, "public", 1))
        return out

    def _run(self, query, parsed: ParsedQuery, limit: int, offset: int, searcher=None) -> Hits:
        searcher = searcher or self.searcher()
        # Ranking: BM25, then the newer story first among equal scores. The window fetched is
        # wider than the page so that the tie-break sees the ties around its edges.
        window = offset + limit + 64
        result = searcher.search(query, limit=window, count=True)
        if not result.hits:
            return Hits(total=result.count, query=parsed)
        addresses = [address for _, address in result.hits]
        ids = searcher.fast_field_values("id", addresses)
        days = searcher.fast_field_values("day", addresses)
        ranked = sorted(
            zip(result.hits, ids, days, strict=True),
            key=lambda row: (-round(row[0][0], 3), -(row[2] or 0), -row[1]),
        )[offset : offset + limit]
        return Hits(
            total=result.count,
            ids=[row[1] for row in ranked],
            scores=[row[0][0] for row in ranked],
            query=parsed,
        )


def spanning_terms(terms: tuple[str, ...]) -> list[str | tuple[int, str]]:
    """The fewest of a phrase's terms, at their offsets, that still pin every unit of it.

    Term k of a phrase is units k and k+1 (tokens.index_text), so every other term, and the
    last, cover all its units at the same positions: 老旧小区改造 is 老旧 @0, 小区 @2, 改造 @4
    instead of five terms. The stories found are the same; the phrase check reads half the
    position lists, which is what a phrase common in the archive costs (decision 0019).
    """
    picked = list(range(0, len(terms), 2))
    if picked[-1] != len(terms) - 1:
        picked.append(len(terms) - 1)
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
    d.add_text("head", head)
    d.add_text("body", body)
    d.add_text("head_words", head_words)
    d.add_text("body_words", body_words)
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
    return d


def _document(doc: SearchDoc) -> tantivy.Document:
    return document_from_fields(doc_fields(doc))


def engine_at(path: str | Path) -> Engine:
    """One Engine per folder and process (tantivy's reader is meant to be shared)."""
    key = os.path.abspath(path)
    engine = _ENGINES.get(key)
    if engine is None:
        engine = _ENGINES[key] = Engine(key)
    return engine


_ENGINES: dict[str, Engine] = {}
