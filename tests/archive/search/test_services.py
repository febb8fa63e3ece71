"""Archive search through Django: imported pages found, kept fresh, the two commands.

Every test runs twice: on the embedded engine and on the OpenSearch engine (against the
stand-in cluster of tests/archive/search/opensearch_cluster.py), so both keep the same rules.
"""

import datetime as dt
from pathlib import Path

import pytest

from chenbao.archive.bulk import archive_import
from chenbao.archive.models import SearchQueueEntry
from chenbao.archive.search.engine import Filters
from chenbao.archive.search.services import search_queue_drain, search_reindex, story_search
from chenbao.stories.models import StoryPage
from tests.archive.archive_dir import command_run, three_days


@pytest.fixture(params=["embedded", "opensearch"], autouse=True)
def engine_kind(request, settings):
    """The engine behind the service: the embedded one, or a cluster at CHENBAO_SEARCH_URL."""
    if request.param == "embedded":
        yield request.param
        return
    from chenbao.archive.search import services
    from tests.archive.search.opensearch_cluster import Cluster

    url = "http://cluster.test:9200"
    settings.CHENBAO = {**settings.CHENBAO, "SEARCH_URL": url, "SEARCH_INDEX": "stories"}
    cluster = Cluster()
    services._CLUSTERS[(url, "stories")] = cluster.engine("stories")
    yield request.param
    services._CLUSTERS.clear()
    assert cluster.requests  # the cluster, not the embedded index, answered


@pytest.fixture
def archive(tmp_path) -> Path:
    return three_days(tmp_path)


@pytest.fixture
def imported(db, archive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        archive_import(archive, workers=1)
    return archive


def titles(query, **filters):
    return [h.title for h in story_search(query=query, filters=Filters(**filters)).hits]


def test_an_imported_archive_is_found_in_chinese(imported):
    assert not SearchQueueEntry.objects.exists()  # the import's batches were indexed
    assert titles("淄博市委常委会")[0].startswith("淄博市委常委会召开会议")
    for query in ["淄博", "民生建设", "燃气设施", "AED", "供暖", "超630"]:
        assert story_search(query=query).total >= 1, query
    assert titles("城市书房") == titles("“城市书房”")
    assert titles("书城市") == []


def test_filters_by_date_section_page_byline(imported):
    assert titles("供暖", date_from=dt.date(2022, 12, 3))
    assert titles("供暖", date_to=dt.date(2022, 12, 2)) == []
    assert titles("供暖", page="A03") and not titles("供暖", page="A02")
    assert titles("张店区新增公园", section="民生") and not titles("张店区新增公园", section="要闻")
    assert titles("供暖", byline="周明远")
    assert titles("供暖", kind="printed") and not titles("供暖", kind="web")


def test_hits_carry_what_readers_see(imported):
    page = story_search(query="供暖")
    hit = page.hits[0]
    assert hit.date.isoformat() == "2022-12-03" and hit.page == "A03"
    assert hit.url.startswith("/") and "周明远" in hit.bylines
    assert "<mark>供暖</mark>" in hit.snippet


def test_withdrawn_and_deleted_stories_leave_reader_search(
    imported, make_user, django_capture_on_commit_callbacks
):
    from chenbao.core.roles import CHIEF_EDITOR
    from chenbao.stories.services import story_delete
    from chenbao.stories.services.after_publication import story_withdraw

    chief = make_user("chief", CHIEF_EDITOR)
    story = StoryPage.objects.get(title__startswith="淄川区冬季供暖")
    with django_capture_on_commit_callbacks(execute=True):
        story_withdraw(story=story, user=chief, reason="事实有误")
    assert "淄川区冬季供暖全面启动" not in " ".join(titles("供暖"))
    newsroom = story_search(query="淄川区冬季供暖", filters=Filters(public_only=False))
    assert newsroom.hits and newsroom.hits[0].withdrawn  # the newsroom still finds it: 撤稿

    other = StoryPage.objects.get(title__startswith="张店区新增公园绿地")
    with django_capture_on_commit_callbacks(execute=True):
        story_delete(story=other)
    assert titles("张店区新增公园") == []


def test_a_change_waits_in_the_queue_while_the_index_is_busy(
    imported, django_capture_on_commit_callbacks
):
    """A rebuild holds the index: the change is committed, queued, indexed later."""
    from chenbao.archive.search.services import search_engine

    holder = search_engine().writer(heap=15_000_000, threads=1)  # as a rebuild would
    search_engine().clear(holder)
    story = StoryPage.objects.get(title__startswith="张店区新增公园绿地")
    story.title = "张店区新增街心花园12处"
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    assert SearchQueueEntry.objects.filter(story_id=story.pk).exists()
    assert titles("街心花园") == []
    holder.rollback()
    del holder
    import gc

    gc.collect()
    assert search_queue_drain() >= 1
    assert titles("街心花园") == ["张店区新增街心花园12处"]
    assert not SearchQueueEntry.objects.exists()


def test_reindex_rebuilds_from_the_database(imported):
    from chenbao.archive.search.services import search_engine

    engine = search_engine()
    w = engine.writer()
    engine.clear(w)
    w.commit()
    del w
    assert titles("供暖") == []
    assert search_reindex() == StoryPage.objects.count()
    assert titles("供暖")


def test_a_large_archive_is_rebuilt_with_its_common_grams(imported, engine_kind, monkeypatch):
    """From GRAMS_FROM stories on, the embedded engine's rebuild keeps the strings of four
    characters a sample of the archive holds often, and looks them up whole: same answers."""
    from chenbao.archive.search import services

    queries = ["民生建设", "公园绿地", "城市书房", "淄博市委常委会", "供暖"]
    before = {query: titles(query) for query in queries}
    monkeypatch.setattr(services, "GRAMS_FROM", 2)  # this archive counts as large
    assert search_reindex() == StoryPage.objects.count()
    assert {query: titles(query) for query in queries} == before
    if engine_kind == "opensearch":
        return  # the cluster's n-gram analyzer has no grams to keep
    engine = services.search_engine()
    kept = engine.grams().kept
    assert "公园绿地" in kept and "12月1日" in kept  # in most of the three days' stories
    assert [p.grams for p in engine.plans("公园绿地 供暖").values()] == [True, False]
    monkeypatch.setattr(services, "GRAMS_FROM", 10**9)  # small again: none kept
    search_reindex()
    assert not engine.grams().kept and {query: titles(query) for query in queries} == before


def test_an_index_short_of_the_database_catches_up(imported):
    """What the demo does after an upgrade emptied the index: rebuild it, once."""
    from chenbao.archive.search.services import search_catch_up, search_engine

    assert search_catch_up() is None  # whole: nothing to do
    engine = search_engine()
    w = engine.writer()
    engine.clear(w)
    w.commit()
    del w
    assert search_catch_up() == StoryPage.objects.count()
    assert titles("供暖")


def test_reindex_if_needed_leaves_a_whole_index_alone(imported):
    n = StoryPage.objects.count()
    code, out = command_run("search_reindex", "--if-needed", "--no-progress")
    assert code == 0 and "the index holds every story; nothing to do" in out
    assert StoryPage.objects.count() == n


def test_a_large_archive_grown_batch_by_batch_is_rebuilt_if_needed(
    imported, engine_kind, monkeypatch
):
    """An archive that grew past GRAMS_FROM through the queue has no common grams: the
    upgrade step (`search-reindex --if-needed`, the demo's catch-up) rebuilds it once."""
    from chenbao.archive.search import services

    monkeypatch.setattr(services, "GRAMS_FROM", 2)
    if engine_kind == "opensearch":
        assert not services.search_grams_missing()  # the cluster has no grams to count
        return
    assert services.search_grams_missing()
    code, out = command_run("search_reindex", "--if-needed", "--no-progress")
    n = StoryPage.objects.count()
    assert code == 0 and f"indexed {n} stories" in out
    assert services.search_engine().grams().kept and not services.search_grams_missing()
    code, out = command_run("search_reindex", "--if-needed", "--no-progress")
    assert "nothing to do" in out and services.search_catch_up() is None


def test_a_large_archive_with_no_common_strings_is_not_rebuilt_again_and_again(
    imported, engine_kind, monkeypatch
):
    """A count that found no string common enough is still a count: the upgrade step and the
    demo do not rebuild the whole archive each time they run."""
    from chenbao.archive.search import engine as engine_module
    from chenbao.archive.search import services

    if engine_kind == "opensearch":
        return  # no grams to count (the test above)
    monkeypatch.setattr(services, "GRAMS_FROM", 2)
    monkeypatch.setattr(engine_module, "common_grams", lambda texts: [])
    code, out = command_run("search_reindex", "--if-needed", "--no-progress")
    assert code == 0 and "indexed" in out
    grams = services.search_engine().grams()
    assert not grams.kept and grams.counted == StoryPage.objects.count()
    code, out = command_run("search_reindex", "--if-needed", "--no-progress")
    assert "nothing to do" in out and not services.search_grams_missing()


def test_the_reindex_command_summarises(imported):
    code, out = command_run("search_reindex", "--no-progress")
    assert code == 0
    n = StoryPage.objects.count()
    assert f"indexed {n} stories" in out and f"the index holds {n} stories" in out


def test_a_deferred_import_is_found_after_one_reindex(db, archive):
    archive_import(archive, workers=1, index=False)
    queued = SearchQueueEntry.objects.count()
    assert queued == StoryPage.objects.count() > 0
    assert titles("供暖") == []  # queued, not indexed yet
    search_reindex()
    assert titles("供暖") and not SearchQueueEntry.objects.exists()


def test_a_cluster_that_cannot_answer_is_said_so_to_readers(
    imported, engine_kind, client, monkeypatch
):
    """A careless operator's CHENBAO_SEARCH_URL, or a cluster down: a 503 in Chinese on the
    search page and the API, never a crash; a story page just shows no 相关报道."""
    if engine_kind != "opensearch":
        pytest.skip("the embedded engine has no cluster to lose")
    from opensearchpy import ConnectionError as ClusterUnreachable

    from chenbao.archive.search.services import search_engine

    def down(*args, **kwargs):
        raise ClusterUnreachable("N/A", "connection refused", None)

    monkeypatch.setattr(search_engine().client, "search", down)
    page = client.get("/search/", {"q": "供暖"})
    assert page.status_code == 503 and "检索服务暂时不可用" in page.content.decode()
    api = client.get("/api/v1/search", {"q": "供暖"})
    assert api.status_code == 503 and api.json()["error"].startswith("检索服务暂时不可用")
    story = StoryPage.objects.live().first()
    assert client.get(story.url).status_code == 200


def test_a_reindex_while_the_cluster_is_down_says_so_and_keeps_the_queue(
    imported, engine_kind, monkeypatch
):
    """The operator's rebuild, drain or upgrade check against a cluster that cannot answer:
    exit 1 and a plain sentence, no client traceback; the queued change and the readers'
    index are still there when the cluster is back."""
    if engine_kind != "opensearch":
        pytest.skip("the embedded engine has no cluster to lose")
    from opensearchpy import ConnectionError as ClusterUnreachable

    from chenbao.archive.search.services import search_queue_add
    from tests.archive.search.opensearch_cluster import Cluster

    story = StoryPage.objects.live().first()
    search_queue_add(story_ids=[story.pk], drain=False)

    def down(self, *args, **kwargs):
        raise ClusterUnreachable("N/A", "connection refused", None)

    with monkeypatch.context() as patch:
        patch.setattr(Cluster, "answer", down)
        for options in [(), ("--if-needed",), ("--queue",)]:
            code, out = command_run("search_reindex", "--no-progress", *options)
            assert code == 1, options
            assert "检索服务暂时不可用" in out and "ConnectionError" in out, options
            assert "Traceback" not in out, options
    assert SearchQueueEntry.objects.filter(story_id=story.pk).exists()
    assert titles("供暖")
    assert command_run("search_reindex", "--queue", "--no-progress")[0] == 0
    assert not SearchQueueEntry.objects.exists()
