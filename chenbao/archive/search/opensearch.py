"""The scale-out search engine: an OpenSearch cluster, chosen by `CHENBAO_SEARCH_URL`.

No Django here, like engine.py, and the same face: `writer`, `write`, `clear`, `search`,
`related`, `count`, `size_bytes`. It holds the same terms as the embedded engine: the text is
cut by tokens.py into character bigrams *before* it is sent, and the cluster's fields use the
built-in `whitespace` analyzer. So a query finds exactly what it finds on the embedded engine
(2-character words, characters in order, phrases, breaks), no analysis plugin (IK, smartcn)
is needed on the cluster, and a managed OpenSearch works as it comes (decision 0019).

Indexes and aliases (`name` is the setting CHENBAO_SEARCH_INDEX, `chenbao-stories`):

- `name` is an alias for the index readers search, `name-<time>`;
- a rebuild (`search-reindex`) writes a fresh `name-<time>` that carries the alias
  `name-building` while it fills, then moves `name` to it in one `_aliases` call and deletes
  the old one: readers keep the old index until that moment, as with the embedded engine;
- while `name-building` exists, `writer()` raises SearchBusy (the queue keeps the changes,
  as when the embedded index's writer lock is held), so no change is written to the index
  about to be dropped.

Every write carries an external version, the search queue's entry number: a drain that read
a story before another drain read a newer one can never overwrite it (the cluster answers
409, which is the right outcome and is not an error).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from chenbao.archive.search.engine import (
    HEAD_BOOST,
    Filters,
    Hits,
    SearchBusy,
    SearchDoc,
    SearchUnavailable,
    day_number,
    doc_fields,
)
from chenbao.archive.search.tokens import ParsedQuery, Phrase, index_text, parse_query

FLUSH_DOCS = 1000  # documents per _bulk request
# A rebuild's index still building after this long was left by a rebuild that crashed (a
# million stories take 9 to 13 minutes to reindex on the embedded engine, decision 0019):
# the queue's changes stop waiting for it, and it is dropped.
REBUILD_ABANDONED = dt.timedelta(hours=3)
INDEX_TIME = "%Y%m%d%H%M%S%f"  # name-<time>: when the index was made, in UTC
TERMS = {"type": "text", "analyzer": "whitespace"}
WORDS = {"type": "text", "analyzer": "whitespace", "index_options": "freqs"}
KEYWORD = {"type": "keyword"}

MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "id": {"type": "long"},
        "head": TERMS,  # kicker, headline, subtitle as tokens.index_text's bigrams
        "body": TERMS,  # dateline and body, the same
        "head_words": WORDS,  # Latin and digit words alone (AED, 2022)
        "body_words": WORDS,
        "day": {"type": "integer"},  # YYYYMMDD
        "section": KEYWORD,
        "page": KEYWORD,
        "byline": KEYWORD,
        "kind": KEYWORD,
        "public": {"type": "boolean"},  # readers may find it
    },
}


class SearchWriteFailed(Exception):
    """The cluster refused some documents of a batch (the queue keeps them)."""


log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])


def _answering(method: F) -> F:
    """A method that talks to the cluster: a cluster that cannot answer (down, unreachable,
    timed out, overloaded, refusing) raises SearchUnavailable, which every caller turns into
    a plain message, instead of the client's own error. "Not found" is answered inside."""

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        from opensearchpy import TransportError

        try:
            return method(self, *args, **kwargs)
        except TransportError as exc:
            where = getattr(self, "engine", self).path
            raise SearchUnavailable(f"{where}: {type(exc).__name__}") from exc

    return guarded  # type: ignore[return-value]


def index_settings(*, shards: int = 1, replicas: int = 1) -> dict:
    return {
        "settings": {
            "index": {"number_of_shards": shards, "number_of_replicas": replicas},
        },
        "mappings": MAPPINGS,
    }


def document(doc: SearchDoc) -> dict:
    """The JSON the cluster stores for one story (the same cut as the embedded index)."""
    doc_id, head, body, head_words, body_words, day, sections, page, bylines, kind, public = (
        doc_fields(doc)[:11]
    )
    return {
        "id": doc_id,
        "head": head,
        "body": body,
        "head_words": head_words,
        "body_words": body_words,
        "day": day,
        "section": list(sections),
        "page": page or None,
        "byline": list(bylines),
        "kind": kind or None,
        "public": bool(public),
    }


# --- queries (pure: tested against the query bodies OpenSearch documents) ---------------------


def phrase_query(phrase: Phrase) -> dict:
    """One phrase of the query on the headline (weighted) or the body; the same rules as the
    embedded engine's `_phrase`: a Latin word as a word, one character as any term holding it,
    a longer phrase as its bigrams at consecutive positions."""

    def on(field: str, boost: float = 0.0) -> dict:
        query: dict[str, dict[str, dict[str, Any]]]
        if phrase.single and phrase.latin:
            query = {"term": {f"{field}_words": {"value": phrase.single}}}
        elif phrase.single:
            query = {"regexp": {field: {"value": phrase.unit_pattern()}}}
        elif len(phrase.terms) == 1:
            query = {"term": {field: {"value": phrase.terms[0]}}}
        else:
            query = {"match_phrase": {field: {"query": " ".join(phrase.terms)}}}
        if boost:
            (options,) = next(iter(query.values())).values()
            options["boost"] = boost
        return query

    return {"bool": {"should": [on("head", HEAD_BOOST), on("body")], "minimum_should_match": 1}}


def filter_clauses(f: Filters) -> list[dict]:
    out: list[dict] = []
    if f.date_from or f.date_to:
        bounds = {}
        if f.date_from:
            bounds["gte"] = day_number(f.date_from)
        if f.date_to:
            bounds["lte"] = day_number(f.date_to)
        out.append({"range": {"day": bounds}})
    for name, value in (
        ("section", f.section),
        ("page", f.page.upper()),
        ("byline", f.byline),
        ("kind", f.kind),
    ):
        if value.strip():
            out.append({"term": {name: value.strip()}})
    if f.public_only:
        out.append({"term": {"public": True}})
    return out


def search_body(parsed: ParsedQuery, filters: Filters, *, limit: int, offset: int) -> dict:
    """BM25 (the cluster's default), the headline weighted, the newer story first on a tie."""
    return {
        "query": {
            "bool": {
                "must": [phrase_query(p) for p in parsed.phrases],
                "filter": filter_clauses(filters),
            }
        },
        "sort": ["_score", {"day": {"order": "desc", "missing": "_last"}}, {"id": "desc"}],
        "track_total_hits": True,
        "track_scores": True,  # a sorted search leaves _score empty without it
        "from": offset,
        "size": limit,
        "_source": False,
    }


def related_body(doc: SearchDoc, *, limit: int, terms: int) -> dict:
    """More like this (相关报道): the story's telling bigrams, rare ones weighing most."""
    like = " ".join(
        t for t in (index_text(doc.head) + " " + index_text(doc.body[:600])).split() if "|" not in t
    )
    return {
        "query": {
            "bool": {
                "must": [
                    {
                        "more_like_this": {
                            "fields": ["head", "body"],
                            "like": like,
                            "min_term_freq": 1,
                            "min_doc_freq": 2,
                            "max_query_terms": terms,
                            "minimum_should_match": 2,
                        }
                    }
                ],
                "filter": [{"term": {"public": True}}],
                "must_not": [{"ids": {"values": [str(doc.id)]}}],
            }
        },
        "size": limit,
        "_source": False,
    }


# --- the engine ---------------------------------------------------------------------------


class BulkWriter:
    """What the services call a writer: actions gathered, sent in _bulk requests, made
    visible on `commit`. A rebuild's writer (`engine.clear`) fills a new index instead."""

    def __init__(self, engine: OpenSearchEngine):
        self.engine = engine
        self.target = engine.name
        self.rebuilding = ""  # the new index's name while a rebuild fills it
        self.lines: list[str] = []
        self.docs = 0

    def add(self, action: dict, source: dict | None = None) -> None:
        self.lines.append(json.dumps(action, ensure_ascii=False))
        if source is not None:
            self.lines.append(json.dumps(source, ensure_ascii=False))
        self.docs += 1
        if self.docs >= FLUSH_DOCS:
            self.flush()

    @_answering
    def flush(self, *, refresh: bool = False) -> None:
        if self.lines:
            body = "\n".join(self.lines) + "\n"
            self.lines, self.docs = [], 0
            answer = self.engine.client.bulk(
                body=body, index=self.target, params={"refresh": "wait_for"} if refresh else None
            )
            if answer.get("errors"):
                _raise_item_errors(answer)
        elif refresh and not self.rebuilding:
            self.engine.client.indices.refresh(index=self.target)

    @_answering
    def commit(self) -> None:
        if not self.rebuilding:
            self.flush(refresh=True)
            return
        self.flush()
        self.engine.client.indices.refresh(index=self.rebuilding)
        self.engine.switch_to(self.rebuilding)
        self.rebuilding = ""
        self.target = self.engine.name

    @_answering
    def rollback(self) -> None:
        self.lines, self.docs = [], 0
        if self.rebuilding:
            self.engine.client.indices.delete(
                index=self.rebuilding, params={"ignore_unavailable": "true"}
            )
            self.rebuilding = ""
            self.target = self.engine.name

    def wait_merging_threads(self) -> None:  # the embedded writer's call; nothing to wait for
        return None


def _raise_item_errors(answer: dict) -> None:
    failed = []
    for item in answer.get("items", []):
        ((op, result),) = item.items()
        status = result.get("status", 500)
        if status == 409 or (op == "delete" and status == 404):
            continue  # a newer version is there already / nothing to delete
        if status >= 300:
            failed.append(f"{op} {result.get('_id')}: {status} {result.get('error')}")
    if failed:
        raise SearchWriteFailed("; ".join(failed[:5]) + (" …" if len(failed) > 5 else ""))


class OpenSearchEngine:
    """One alias on one cluster."""

    def __init__(self, url: str, name: str = "chenbao-stories", *, client=None, **client_options):
        self.url = url
        self.name = name
        self.building = f"{name}-building"
        self._client = client
        self._client_options = client_options

    @property
    def client(self):
        if self._client is None:
            from opensearchpy import OpenSearch

            self._client = OpenSearch(hosts=[self.url], timeout=30, **self._client_options)
        return self._client

    @property
    def path(self) -> str:
        """Where the index is, for messages: the URL without its user and password."""
        parts = urlsplit(self.url)
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path, "", "")) + f" ({self.name})"

    # --- indexes and aliases ----------------------------------------------------------------

    def _new_index(self, alias: str) -> str:
        stamp = dt.datetime.now(dt.UTC).strftime(INDEX_TIME)
        physical = f"{self.name}-{stamp}"
        body = index_settings() | {"aliases": {alias: {}}}
        self.client.indices.create(index=physical, body=body)
        return physical

    @_answering
    def ensure_index(self) -> None:
        """The alias readers search, on an empty index the first time."""
        if not self.client.indices.exists_alias(name=self.name):
            self._new_index(self.name)

    def _holding(self, alias: str) -> list[str]:
        from opensearchpy import NotFoundError

        try:
            return sorted(self.client.indices.get_alias(name=alias))
        except NotFoundError:
            return []

    @_answering
    def switch_to(self, physical: str) -> None:
        """Point the readers' alias at `physical` in one step; drop what it pointed at."""
        old = self._holding(self.name)
        actions = [{"remove": {"index": o, "alias": self.name}} for o in old]
        actions += [
            {"add": {"index": physical, "alias": self.name}},
            {"remove": {"index": physical, "alias": self.building}},
        ]
        self.client.indices.update_aliases(body={"actions": actions})
        for o in old:
            if o != physical:
                self.client.indices.delete(index=o, params={"ignore_unavailable": "true"})

    # --- writing ----------------------------------------------------------------------------

    @_answering
    def writer(self, heap: int = 0, threads: int = 0) -> BulkWriter:
        building = self._holding(self.building)
        now = dt.datetime.now(dt.UTC)
        abandoned = [
            n for n in building if (began := self._began(n)) and now - began > REBUILD_ABANDONED
        ]
        for stale in abandoned:  # a rebuild that crashed: the changes waiting may go in
            log.warning(
                "dropping %s: a rebuild begun over %s ago never finished", stale, REBUILD_ABANDONED
            )
            self.client.indices.delete(index=stale, params={"ignore_unavailable": "true"})
        if len(abandoned) < len(building):
            raise SearchBusy(f"{self.building}: a rebuild is filling a new index")
        self.ensure_index()
        return BulkWriter(self)

    def _began(self, physical: str) -> dt.datetime | None:
        """When the index `physical` (`name-<time>`, made by _new_index) was made."""
        try:
            stamp = physical.removeprefix(f"{self.name}-")
            return dt.datetime.strptime(stamp, INDEX_TIME).replace(tzinfo=dt.UTC)
        except ValueError:  # not one of ours: left alone
            return None

    @_answering
    def rebuilder(self, heap: int = 0, *, sample=None) -> BulkWriter:
        """A writer that fills a new index, swapped in on commit (`search-reindex`).
        `sample` is the embedded engine's (its common grams); the n-gram analyzer needs none."""
        writer = BulkWriter(self)
        self.clear(writer)
        return writer

    @_answering
    def clear(self, writer) -> None:
        """Make `writer` a rebuild: it fills a new index, swapped in on commit. An earlier
        rebuild's index that never finished (a crash) is dropped first."""
        for stale in self._holding(self.building):
            self.client.indices.delete(index=stale, params={"ignore_unavailable": "true"})
        writer.rebuilding = writer.target = self._new_index(self.building)

    def write(self, writer, docs: Iterable[SearchDoc], delete_ids=(), *, version=0, **_) -> int:
        """Queue the documents' writes (and deletes) in `writer`; the caller commits.
        `version`: the search queue's last entry read, so that older reads lose. Every
        write replaces the story's document (the embedded engine's `replace` is moot)."""
        versioned = {"version": version, "version_type": "external"}
        for doc_id in delete_ids:
            writer.add({"delete": {"_id": str(doc_id), **versioned}})
        n = 0
        for doc in docs:
            writer.add({"index": {"_id": str(doc.id), **versioned}}, document(doc))
            n += 1
        return n

    @_answering
    def update(
        self, docs: Sequence[SearchDoc], delete_ids: Iterable[int] = (), *, version: int = 0
    ) -> int:
        writer = self.writer()
        n = self.write(writer, docs, delete_ids, version=version)
        writer.commit()
        return n

    # --- reading ----------------------------------------------------------------------------

    @_answering
    def count(self) -> int:
        from opensearchpy import NotFoundError

        try:
            return int(self.client.count(index=self.name)["count"])
        except NotFoundError:
            return 0

    @_answering
    def size_bytes(self) -> int:
        from opensearchpy import NotFoundError

        try:
            stats = self.client.indices.stats(index=self.name, metric="store")
        except NotFoundError:
            return 0
        return int(stats["_all"]["primaries"]["store"]["size_in_bytes"])

    @_answering
    def search(self, query, filters: Filters | None = None, *, limit=20, offset=0) -> Hits:
        """The stories matching `query` (a reader's text, or parsed by tokens.parse_query)."""
        parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
        if parsed.empty:
            return Hits(total=0, query=parsed)
        body = search_body(parsed, filters or Filters(), limit=limit, offset=offset)
        return self._hits(self._search(body), parsed)

    @_answering
    def related(self, doc: SearchDoc, *, limit: int = 5, terms: int = 12) -> list[int]:
        return self._hits(self._search(related_body(doc, limit=limit, terms=terms))).ids

    def _search(self, body: dict) -> dict:
        from opensearchpy import NotFoundError

        try:
            return self.client.search(index=self.name, body=body)
        except NotFoundError:  # nothing indexed yet
            return {"hits": {"total": {"value": 0}, "hits": []}}

    @staticmethod
    def _hits(answer: dict, parsed: ParsedQuery | None = None) -> Hits:
        found = answer["hits"]
        total = found["total"]["value"] if isinstance(found["total"], dict) else found["total"]
        return Hits(
            total=int(total),
            ids=[int(h["_id"]) for h in found["hits"]],
            scores=[
                float(h.get("_score") or (h.get("sort") or [0.0])[0] or 0.0) for h in found["hits"]
            ],
            query=parsed or ParsedQuery(),
        )
