"""`chenbao search-reindex`: rebuild the search index, or only index what is queued."""

import io

import pytest
from django.core.management import CommandError, call_command

from chenbao.archive.management.commands import search_reindex as command
from chenbao.archive.models import SearchQueueEntry
from chenbao.archive.search.engine import SearchBusy
from chenbao.archive.search.services import search_queue_add
from chenbao.stories.models import StoryPage


def run(*args) -> str:
    out = io.StringIO()
    call_command("search_reindex", "--no-progress", *args, stdout=out)
    return out.getvalue()


def test_a_batch_below_one_is_refused(db):
    with pytest.raises(CommandError, match="--batch 至少为 1") as info:
        run("--batch", "0")
    assert info.value.returncode == 2


def test_the_queue_alone_is_indexed_with_queue(reference_page):
    stories = list(StoryPage.objects.values_list("pk", flat=True))
    run()  # a clean index
    SearchQueueEntry.objects.all().delete()
    search_queue_add(story_ids=stories[:1])
    out = run("--queue")
    assert out.startswith("indexed 1 stories")
    assert f"the index holds {len(stories)} stories" in out
    assert not SearchQueueEntry.objects.exists()


def test_a_rebuild_indexes_every_story_in_small_batches(reference_page):
    n = StoryPage.objects.count()
    out = run("--batch", "1")
    assert out.startswith(f"indexed {n} stories") and f"the index holds {n} stories" in out


@pytest.mark.parametrize("queue", [False, True])
def test_a_busy_index_is_reported_and_exits_1(db, monkeypatch, queue):
    def busy(**kwargs):
        raise SearchBusy("writer held")

    monkeypatch.setattr(command, "search_queue_drain", busy)
    monkeypatch.setattr(command, "search_reindex", busy)
    with pytest.raises(CommandError, match="索引正被另一个进程写入") as info:
        run(*(["--queue"] if queue else []))
    assert info.value.returncode == 1
