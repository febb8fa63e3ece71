"""Every change to a story queues it for the index (archive/search/signals.py)."""

import pytest

from chenbao.archive.models import SearchQueueEntry
from chenbao.stories.models import StoryByline
from chenbao.stories.services.writing import contributor_get_or_create
from tests.factories import story_make

pytestmark = pytest.mark.django_db


def queued() -> set[int]:
    return set(SearchQueueEntry.objects.values_list("story_id", flat=True))


def test_saving_publishing_and_deleting_a_story_queue_it():
    story = story_make(title="淄博新建幼儿园")
    assert story.pk in queued()
    SearchQueueEntry.objects.all().delete()
    story.save_revision().publish()
    assert story.pk in queued()
    SearchQueueEntry.objects.all().delete()
    pk = story.pk
    story.delete()
    assert pk in queued()


def test_renaming_a_contributor_queues_every_story_they_signed():
    signed, other = story_make(title="甲"), story_make(title="乙")
    reporter = contributor_get_or_create(name="周明远")
    StoryByline.objects.create(story=signed, contributor=reporter)
    SearchQueueEntry.objects.all().delete()
    reporter.name = "周明"
    reporter.save()
    assert queued() == {signed.pk} and other.pk not in queued()


def test_a_fixture_load_queues_nothing():
    from chenbao.archive.search import signals

    signals._story(sender=None, instance=None, raw=True)
    signals._related(sender=None, instance=None, raw=True)
    assert not SearchQueueEntry.objects.exists()
