"""The archive's own rows: the search index's durable queue."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchQueueEntry(models.Model):
    """A story whose search document must be written again (or removed).

    Rows are added in the same transaction as the change to the story (publish, correct,
    withdraw, delete, import), so a change is never lost between the database and the index;
    the one index writer takes them in order and deletes what it wrote
    (archive/search/services.py).
    """

    story_id = models.BigIntegerField(_("稿件"), db_index=True)  # no FK: a deleted story too
    queued_at = models.DateTimeField(_("排队时间"), default=timezone.now)

    class Meta:
        verbose_name = _("检索索引队列")
        verbose_name_plural = _("检索索引队列")

    def __str__(self) -> str:
        return f"story {self.story_id} queued {self.queued_at:%Y-%m-%d %H:%M:%S}"
