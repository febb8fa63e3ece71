"""The OpenSearch engine (archive/search/opensearch.py): the index it creates, the queries it
sends, its writes and the rebuild's switch-over, against the stand-in cluster. The search rules
themselves run on this engine in test_services.py."""

import datetime as dt

import pytest

from chenbao.archive.search.engine import Filters, SearchBusy, SearchDoc
from chenbao.archive.search.opensearch import (
    OpenSearchEngine,
    SearchWriteFailed,
    filter_clauses,
    index_settings,
    related_body,
    search_body,
)
from chenbao.archive.search.tokens import parse_query
from tests.archive.search.opensearch_cluster import Cluster


def doc(i: int, head: str, body: str = "", **kw) -> SearchDoc:
    return SearchDoc(id=i, head=head, body=body, day=kw.pop("day", dt.date(2022, 12, 2)), **kw)


@pytest.fixture
def cluster():
    return Cluster()


def test_the_index_holds_the_embedded_engines_bigrams_under_whitespace_analysis(cluster):
    engine = cluster.engine()
    engine.update(
        [doc(1, "淄博燃气管网改造", "AED除颤仪", bylines=("周明远",), page="a02")], version=1
    )
    ((method, url, _, body),) = [r for r in cluster.requests if r[0] == "PUT"]
    assert url.startswith("/chenbao-stories-") and body["aliases"] == {"chenbao-stories": {}}
    fields = body["mappings"]["properties"]
    assert body["mappings"]["dynamic"] == "strict"
    assert fields["head"] == fields["body"] == {"type": "text", "analyzer": "whitespace"}
    assert {fields[k]["type"] for k in ("section", "page", "byline", "kind")} == {"keyword"}
    (stored,) = cluster.indices[url.strip("/")]["docs"].values()
    assert stored["head"] == "|淄 淄博 博燃 燃气 气管 管网 网改 改造 造|"
    assert stored["body_words"] == "aed" and stored["page"] == "A02"
    assert stored["byline"] == ["周明远"] and stored["public"] is True


def test_a_query_is_sent_as_the_same_terms_the_embedded_engine_searches():
    def must(query: str) -> list[dict]:
        body = search_body(parse_query(query), Filters(), limit=20, offset=0)
        return [clause["bool"]["should"] for clause in body["query"]["bool"]["must"]]

    ((head, body),) = must("书城市")  # characters in order: 书城 then 城市, never 城市书房
    assert head == {"match_phrase": {"head": {"query": "书城 城市", "boost": 3.0}}}
    assert body == {"match_phrase": {"body": {"query": "书城 城市"}}}
    ((_, body),) = must("淄博")
    assert body == {"term": {"body": {"value": "淄博"}}}
    ((_, body),) = must("AED")
    assert body == {"term": {"body_words": {"value": "aed"}}}
    ((_, body),) = must("燃")
    assert body == {"regexp": {"body": {"value": "燃.+|.+燃"}}}
    assert len(must("燃气 管网")) == 2  # several words: all must match
    ((_, body),) = must("“城市书房，AED”")  # a quoted phrase keeps its break
    assert body["match_phrase"]["body"]["query"] == "城市 市书 书房 房| |aed"


def test_filters_and_ranking_ask_the_cluster_what_the_embedded_engine_does():
    filters = Filters(
        date_from=dt.date(2022, 12, 1), date_to=dt.date(2022, 12, 31), page="a03", byline="周明远"
    )
    assert filter_clauses(filters) == [
        {"range": {"day": {"gte": 20221201, "lte": 20221231}}},
        {"term": {"page": "A03"}},
        {"term": {"byline": "周明远"}},
        {"term": {"public": True}},
    ]
    assert filter_clauses(Filters(public_only=False)) == []  # the newsroom sees withdrawn ones
    body = search_body(parse_query("供暖"), Filters(), limit=20, offset=40)
    assert body["sort"][0] == "_score" and body["sort"][1]["day"]["order"] == "desc"
    assert body["track_total_hits"] is True and body["track_scores"] is True
    assert (body["from"], body["size"]) == (40, 20)


def test_hits_come_back_best_first_then_newest(cluster):
    engine = cluster.engine()
    engine.update(
        [
            doc(1, "供暖", day=dt.date(2020, 1, 1)),
            doc(2, "供暖", day=dt.date(2022, 1, 1)),
            doc(3, "冬季供暖 供暖"),
            doc(4, "燃气"),
        ],
        version=1,
    )
    found = engine.search("供暖")
    assert found.total == 3 and found.ids == [3, 2, 1]
    assert engine.search("供暖", limit=1, offset=1).ids == [2]
    assert engine.count() == 4 and engine.size_bytes() > 0


def test_an_older_read_never_overwrites_a_newer_one(cluster):
    engine = cluster.engine()
    engine.update([doc(1, "新标题")], version=7)
    engine.update([doc(1, "旧标题")], version=5)  # a drain that read the story earlier: 409
    assert engine.search("新标题").ids == [1] and engine.search("旧标题").ids == []
    bulk = [body for _, url, _, body in cluster.requests if url.endswith("/_bulk")][-1]
    assert '"version_type": "external"' in bulk and '"version": 5' in bulk
    engine.update([], delete_ids=[1], version=8)
    assert engine.count() == 0
    engine.update([], delete_ids=[99], version=9)  # nothing to delete is not an error


def test_a_refused_document_raises_so_the_queue_keeps_it(cluster, monkeypatch):
    engine = cluster.engine()
    engine.ensure_index()

    def refuse(names, body):
        return 200, {
            "errors": True,
            "items": [{"index": {"_id": "1", "status": 400, "error": {"type": "mapper"}}}],
        }

    monkeypatch.setattr(cluster, "bulk", refuse)
    with pytest.raises(SearchWriteFailed, match="index 1: 400"):
        engine.update([doc(1, "供暖")], version=1)


def test_a_rebuild_fills_a_new_index_and_readers_keep_the_old_one_until_it_commits(cluster):
    engine = cluster.engine()
    engine.update([doc(1, "供暖")], version=1)
    (old,) = cluster.aliases["chenbao-stories"]
    writer = engine.writer()
    engine.clear(writer)
    engine.write(writer, [doc(2, "燃气")], replace=False, version=1)
    writer.flush()
    assert engine.search("供暖").ids == [1] and engine.search("燃气").ids == []
    with pytest.raises(SearchBusy):  # changes wait in the queue meanwhile
        engine.writer()
    writer.commit()
    assert engine.search("供暖").ids == [] and engine.search("燃气").ids == [2]
    assert old not in cluster.indices and not cluster.aliases["chenbao-stories-building"]
    engine.writer()  # free again


def test_a_rebuild_rolled_back_or_crashed_leaves_the_old_index_answering(cluster):
    engine = cluster.engine()
    engine.update([doc(1, "供暖")], version=1)
    writer = engine.writer()
    engine.clear(writer)
    writer.rollback()
    assert engine.search("供暖").ids == [1] and len(cluster.indices) == 1
    crashed = engine.writer()
    engine.clear(crashed)  # never committed nor rolled back: the process died
    with pytest.raises(SearchBusy):
        engine.writer()
    assert engine.search("供暖").ids == [1]
    rebuild = engine.rebuilder()  # the next `search-reindex` takes over
    assert crashed.rebuilding not in cluster.indices
    engine.write(rebuild, [doc(2, "燃气")], replace=False)
    rebuild.commit()
    assert engine.search("燃气").ids == [2] and len(cluster.indices) == 1
    engine.writer()  # free again


def test_a_rebuild_crashed_hours_ago_no_longer_holds_the_changes_back(cluster, caplog):
    engine = cluster.engine()
    engine.update([doc(1, "供暖")], version=1)
    engine.client.indices.create(
        index="chenbao-stories-20261201020304000000",  # begun days ago, never finished
        body=index_settings() | {"aliases": {"chenbao-stories-building": {}}},
    )
    engine.update([doc(2, "燃气")], version=2)  # the queue's changes go in
    assert engine.search("燃气").ids == [2]
    assert "chenbao-stories-20261201020304000000" not in cluster.indices
    assert "never finished" in caplog.text
    running = engine.writer()
    engine.clear(running)  # a rebuild begun just now still holds them back
    with pytest.raises(SearchBusy):
        engine.writer()


def test_related_stories_leave_out_the_story_itself_and_punctuation_terms():
    body = related_body(doc(5, "淄博燃气", "管网改造。"), limit=5, terms=12)
    mlt = body["query"]["bool"]["must"][0]["more_like_this"]
    assert "|" not in mlt["like"] and "燃气" in mlt["like"].split()
    assert body["query"]["bool"]["must_not"] == [{"ids": {"values": ["5"]}}]
    assert body["query"]["bool"]["filter"] == [{"term": {"public": True}}]


def test_the_cluster_is_named_without_its_password_and_chosen_by_the_setting(settings):
    from chenbao.archive.search import services

    engine = OpenSearchEngine("https://chenbao:s3cret@search.paper.example:9200", "stories")
    assert engine.path == "https://search.paper.example:9200 (stories)"
    settings.CHENBAO = {**settings.CHENBAO, "SEARCH_URL": "http://search.test:9200"}
    try:
        chosen = services.search_engine()
        assert isinstance(chosen, OpenSearchEngine) and chosen.name == "chenbao-stories"
    finally:
        services._CLUSTERS.clear()
    settings.CHENBAO = {**settings.CHENBAO, "SEARCH_URL": ""}
    assert not isinstance(services.search_engine(), OpenSearchEngine)
