"""A stand-in OpenSearch cluster for tests: no server can be installed on these machines.

It sits where opensearch-py's HTTP connection sits (`connection_class`), so the real client
builds and serialises every request; the stand-in records them (`requests`) and answers in
the shape OpenSearch documents for each API used: create and delete an index, aliases, _bulk
with external versions, refresh, _count, _stats, and _search over the part of the query DSL
chenbao sends (bool, term, regexp, match_phrase on whitespace-analysed text, range, ids,
more_like_this). Its scoring is only a stand-in for BM25 (how often the query matches,
times its boost); the tests that use it check what is found and in which tie order, never
scores.
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

from opensearchpy import Connection, OpenSearch

from chenbao.archive.search.opensearch import MAPPINGS, OpenSearchEngine

TEXT = {name for name, spec in MAPPINGS["properties"].items() if spec["type"] == "text"}


class Cluster:
    def __init__(self):
        self.indices: dict[str, dict] = {}  # name -> {"docs": {id: source}, "versions": {}}
        self.aliases: dict[str, set[str]] = {}
        self.requests: list[tuple[str, str, dict, object]] = []

    # --- the client this cluster answers -------------------------------------------------------

    def client(self) -> OpenSearch:
        cluster = self

        class Recorded(Connection):
            def perform_request(
                self, method, url, params=None, body=None, timeout=None, ignore=(), headers=None
            ):
                status, data = cluster.answer(method, url.split("?")[0], dict(params or {}), body)
                raw = json.dumps(data)
                if not 200 <= status < 300 and status not in ignore:
                    self._raise_error(status, raw, "application/json")
                return status, {"content-type": "application/json"}, raw

        return OpenSearch(hosts=["http://cluster.test:9200"], connection_class=Recorded)

    def engine(self, name: str = "chenbao-stories") -> OpenSearchEngine:
        return OpenSearchEngine("http://cluster.test:9200", name, client=self.client())

    # --- routing ------------------------------------------------------------------------------

    def answer(self, method: str, url: str, params: dict, body) -> tuple[int, object]:
        if isinstance(body, bytes):
            body = body.decode()
        if isinstance(body, str) and not url.endswith("/_bulk"):
            body = json.loads(body) if body else None
        self.requests.append((method, url, params, body))
        parts = [unquote(p) for p in url.strip("/").split("/")]
        if parts[0] == "_alias":
            return self.alias_get(parts[1], head=method == "HEAD")
        if parts == ["_aliases"]:
            return self.aliases_update(body["actions"])
        if len(parts) == 1 and method == "PUT":
            return self.create(parts[0], body)
        if len(parts) == 1 and method == "DELETE":
            return self.delete(parts[0], params)
        names = self.resolve(parts[0])
        if names is None:
            return 404, {"error": {"type": "index_not_found_exception"}, "status": 404}
        action = parts[1]
        if action == "_bulk":
            return self.bulk(names, body)
        if action == "_refresh":
            return 200, {"_shards": {"failed": 0}}
        if action == "_count":
            return 200, {"count": sum(len(self.indices[n]["docs"]) for n in names)}
        if action == "_stats":
            size = sum(len(json.dumps(self.indices[n]["docs"])) for n in names)
            return 200, {"_all": {"primaries": {"store": {"size_in_bytes": size}}}}
        if action == "_search":
            return self.search(names, body)
        raise AssertionError(f"no answer recorded for {method} {url}")

    def resolve(self, name: str) -> list[str] | None:
        if name in self.indices:
            return [name]
        held = self.aliases.get(name)
        return sorted(held) if held else None

    def create(self, name: str, body: dict) -> tuple[int, dict]:
        if name in self.indices:
            return 400, {"error": {"type": "resource_already_exists_exception"}, "status": 400}
        self.indices[name] = {"docs": {}, "versions": {}, "body": body}
        for alias in body.get("aliases", {}):
            self.aliases.setdefault(alias, set()).add(name)
        return 200, {"acknowledged": True, "index": name}

    def delete(self, name: str, params: dict) -> tuple[int, dict]:
        if name not in self.indices:
            if params.get("ignore_unavailable") == "true":
                return 200, {"acknowledged": True}
            return 404, {"error": {"type": "index_not_found_exception"}, "status": 404}
        del self.indices[name]
        for held in self.aliases.values():
            held.discard(name)
        return 200, {"acknowledged": True}

    def alias_get(self, alias: str, *, head: bool) -> tuple[int, object]:
        held = self.aliases.get(alias)
        if not held:
            return 404, {"error": f"alias [{alias}] missing", "status": 404}
        return 200, {} if head else {name: {"aliases": {alias: {}}} for name in held}

    def aliases_update(self, actions: list[dict]) -> tuple[int, dict]:
        for action in actions:  # all or nothing, as the _aliases API is
            ((kind, spec),) = action.items()
            if spec["index"] not in self.indices:
                return 404, {"error": {"type": "index_not_found_exception"}, "status": 404}
        for action in actions:
            ((kind, spec),) = action.items()
            held = self.aliases.setdefault(spec["alias"], set())
            if kind == "add":
                held.add(spec["index"])
            else:
                held.discard(spec["index"])
        return 200, {"acknowledged": True}

    # --- documents ----------------------------------------------------------------------------

    def bulk(self, names: list[str], body: str) -> tuple[int, dict]:
        (name,) = names  # writes through an alias need exactly one index behind it
        index = self.indices[name]
        lines = [json.loads(line) for line in body.splitlines() if line.strip()]
        items, errors = [], False
        while lines:
            ((op, meta),) = lines.pop(0).items()
            doc_id, version = meta["_id"], meta.get("version", 0)
            assert meta.get("version_type") == "external"
            current = index["versions"].get(doc_id)
            if current is not None and version <= current:
                status = 409
            elif op == "index":
                index["docs"][doc_id] = lines.pop(0)
                index["versions"][doc_id] = version
                status = 201
            elif doc_id in index["docs"]:
                del index["docs"][doc_id]
                index["versions"][doc_id] = version
                status = 200
            else:
                status = 404
            if op == "index" and status == 409:
                lines.pop(0)
            errors |= status >= 300
            items.append({op: {"_index": name, "_id": doc_id, "status": status}})
        return 200, {"took": 1, "errors": errors, "items": items}

    def search(self, names: list[str], body: dict) -> tuple[int, dict]:
        found = []
        for name in names:
            for doc_id, source in self.indices[name]["docs"].items():
                score = self.score(body["query"], source, doc_id)
                if score is not None:
                    found.append((score, source, doc_id))
        found.sort(key=lambda row: self.sort_key(body.get("sort", ["_score"]), row))
        start = body.get("from", 0)
        page = found[start : start + body.get("size", 10)]
        return 200, {
            "took": 1,
            "timed_out": False,
            "hits": {
                "total": {"value": len(found), "relation": "eq"},
                "hits": [{"_index": names[0], "_id": i, "_score": s} for s, _, i in page],
            },
        }

    @staticmethod
    def sort_key(sort: list, row) -> tuple:
        score, source, _ = row
        key = []
        for spec in sort:
            if spec == "_score":
                key.append(-score)
                continue
            ((field, options),) = spec.items()
            value = source.get(field)
            descending = (options if isinstance(options, str) else options["order"]) == "desc"
            key += [value is None, -(value or 0) if descending else (value or 0)]
        return tuple(key)

    # --- the query DSL chenbao sends: a score, or None when the document does not match -------

    def score(self, query: dict, doc: dict, doc_id: str) -> float | None:
        ((kind, spec),) = query.items()
        if kind == "bool":
            total = 0.0
            for clause in spec.get("must", []):
                s = self.score(clause, doc, doc_id)
                if s is None:
                    return None
                total += s
            for clause in spec.get("filter", []):
                if self.score(clause, doc, doc_id) is None:
                    return None
            for clause in spec.get("must_not", []):
                if self.score(clause, doc, doc_id) is not None:
                    return None
            should = [self.score(c, doc, doc_id) for c in spec.get("should", [])]
            matched = [s for s in should if s is not None]
            if len(matched) < spec.get("minimum_should_match", 0):
                return None
            return total + sum(matched)
        if kind == "ids":
            return 0.0 if doc_id in spec["values"] else None
        if kind == "more_like_this":
            like = set(spec["like"].split())
            shared = sum(len(like & set((doc.get(f) or "").split())) for f in spec["fields"])
            return float(shared) if shared >= spec["minimum_should_match"] else None
        ((field, options),) = spec.items()
        options = options if isinstance(options, dict) else {"value": options}
        boost = options.get("boost", 1.0)
        value = doc.get(field)
        if kind == "range":
            ok = value is not None and value >= options.get("gte", value)
            return 0.0 if ok and value <= options.get("lte", value) else None
        terms = (value or "").split() if field in TEXT else value
        if kind == "term":
            want = options["value"]
            hit = (
                terms.count(want)
                if field in TEXT
                else (want in terms if isinstance(terms, list) else terms == want)
            )
            return boost * float(hit) if hit else None
        if kind == "regexp":
            n = sum(1 for t in terms if re.fullmatch(options["value"], t))
            return boost * n if n else None
        if kind == "match_phrase":
            want = options["query"].split()
            n = sum(1 for i in range(len(terms)) if terms[i : i + len(want)] == want)
            return boost * n if n else None
        raise AssertionError(f"query {kind} not expected")
