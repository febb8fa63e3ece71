"""The archive's text editions follow their stories (decision 0020).

A day imported from old dumps lists its pages' headlines, linked to the stories
(`YYYY-MM-DD/index.html`). A story changed in the admin afterwards — republished with a
new headline, unpublished, moved to another section (a new URL) or deleted — changes that
list once the change is committed. A whole section moved changes the URLs of all its
stories: their days' lists keep the old ones, which Wagtail's redirects (made on a move)
lead to the new. A withdrawal (撤稿) does the same through its service.
The bulk import sends no signals and writes the lists itself (archive/bulk.py).
"""

from django.db.models.signals import pre_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from chenbao.editions.services.printed import text_editions_of, text_editions_refresh
from chenbao.stories.models import StoryPage


def _story_changed(sender, instance, **kwargs) -> None:
    text_editions_refresh(edition_ids=text_editions_of(story_id=instance.pk))


def _story_deleted(sender, instance, **kwargs) -> None:
    # before the delete: its placements go with it, and with them which days listed it
    text_editions_refresh(edition_ids=text_editions_of(story_id=instance.pk))


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_story_changed, sender=StoryPage, dispatch_uid=f"text-editions-{id(signal)}")
    pre_delete.connect(_story_deleted, sender=StoryPage, dispatch_uid="text-editions-delete")
