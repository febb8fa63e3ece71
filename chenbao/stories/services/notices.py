"""Review notices (审稿提醒): in the admin always, by mail when a mail server is set."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from wagtail.models import TaskState

from chenbao.stories.models import StoryNotice, StoryPage

logger = logging.getLogger(__name__)


def notice_send(
    *,
    recipients,
    story: StoryPage,
    message: str,
    task_state: TaskState | None = None,
    email_exclude: set[int | None] | None = None,
) -> list[StoryNotice]:
    """Leave `message` on each recipient's dashboard, and email it when email is set up."""
    notices = [
        StoryNotice.objects.create(
            recipient=user, story=story, message=message[:300], task_state=task_state
        )
        for user in recipients
    ]
    if _email_configured():
        skip = email_exclude or set()
        addresses = [
            n.recipient.email for n in notices if n.recipient.email and n.recipient_id not in skip
        ]
        if addresses:
            url = settings.WAGTAILADMIN_BASE_URL + f"/admin/pages/{story.pk}/edit/"
            body = f"{message}\n\n{url}\n"
            transaction.on_commit(lambda: _mail(message, body, addresses))
    return notices


def _mail(subject: str, body: str, addresses: list[str]) -> None:
    try:
        for address in addresses:
            send_mail(f"[{settings.WAGTAIL_SITE_NAME}] {subject}"[:200], body, None, [address])
    except OSError:
        # A mail outage must not undo a review; the dashboard notice is already saved.
        logger.exception("review notice email could not be sent")


def _email_configured() -> bool:
    return settings.EMAIL_BACKEND != "django.core.mail.backends.dummy.EmailBackend"


@transaction.atomic
def notice_mark_read(*, user, notice_ids: list[int]) -> int:
    return StoryNotice.objects.filter(
        recipient=user, pk__in=notice_ids, read_at__isnull=True
    ).update(read_at=timezone.now())
