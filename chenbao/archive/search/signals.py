"""Every change to a story queues it for the search index, in the change's transaction.

Publishing, unpublishing, editing, moving and deleting a story go through Wagtail's page save
and delete; a correction and a withdrawal are rows of their own; a byline is a row of its
own, and a contributor's name is shown in every story they signed (bylines themselves are
edited with their story, whose save queues it). The bulk import writes with
executemany (no signals) and queues its stories itself (archive/bulk.py).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from chenbao.archive.search.services import search_queue_add
from chenbao.stories.models import (
    Contributor,
    StoryByline,
    StoryCorrection,
    StoryPage,
    StoryWithdrawal,
)


def _story(sender, instance, **kwargs):
    if kwargs.get("raw"):  # loaddata
        return
    search_queue_add(story_ids=[instance.pk])


def _related(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    search_queue_add(story_ids=[instance.story_id])


def _contributor(sender, instance, created=False, **kwargs):
    if created or kwargs.get("raw"):
        return
    ids = StoryByline.objects.filter(contributor=instance).values_list("story_id", flat=True)
    search_queue_add(story_ids=list(ids))


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_story, sender=StoryPage, dispatch_uid=f"search-story-{signal}")
        for model in (StoryWithdrawal, StoryCorrection):
            signal.connect(_related, sender=model, dispatch_uid=f"search-{model.__name__}-{signal}")
    for signal in (page_published, page_unpublished):
        signal.connect(_story, sender=StoryPage, dispatch_uid=f"search-page-{id(signal)}")
    post_save.connect(_contributor, sender=Contributor, dispatch_uid="search-contributor")
