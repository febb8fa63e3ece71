"""The search index's durable queue."""

import datetime as dt

from chenbao.archive.models import SearchQueueEntry


def test_a_queue_entry_names_its_story_and_when_it_was_queued():
    entry = SearchQueueEntry(story_id=42, queued_at=dt.datetime(2022, 12, 2, 5, 6, 7))
    assert str(entry) == "story 42 queued 2022-12-02 05:06:07"


def test_a_new_entry_is_queued_now():
    assert SearchQueueEntry(story_id=1).queued_at is not None
