"""Who may review a story at a level of 三审 (read-only rules the workflow tasks enforce).

Two rules keep the three reviews independent:

- the author (the story's owner, and whoever submitted it for review) never reviews it;
- a person who has decided at one level (passed or sent back) may not decide at another
  level of the same story, ever. Re-reviewing at their own level is fine.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from wagtail.models import Page, TaskState, WorkflowState

from chenbao.core.access import in_task_groups
from chenbao.stories.models import ReviewLevel, ReviewSlipEntry


def story_author_ids(story: Page) -> set[int]:
    """Return the ids of the users who count as the story's author."""
    ids = {story.owner_id} if story.owner_id else set()
    state = (
        WorkflowState.objects.active()
        .filter(base_content_type_id=_base_ct_id(), object_id=str(story.pk))
        .only("requested_by_id")
        .first()
    )
    if state and state.requested_by_id:
        ids.add(state.requested_by_id)
    return ids


def _base_ct_id() -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Page).pk


def review_refusal(*, task, story: Page, user) -> str | None:
    """Return why `user` may not decide on `story` at `task`'s level, or None if they may."""
    if not in_task_groups(user, task):
        return _("你不在%(level)s的审稿组中") % {"level": ReviewLevel(task.level).label}
    if user.pk in story_author_ids(story):
        return _("作者不能审自己的稿件")
    other = (
        ReviewSlipEntry.objects.filter(story_id=story.pk, reviewer=user)
        .exclude(level=task.level)
        .values_list("level", flat=True)
        .first()
    )
    if other is not None:
        return _("你已在%(level)s审过此稿，同一稿件不能由一人审两级") % {
            "level": ReviewLevel(other).label
        }
    return None


def user_may_review(*, task, story: Page, user) -> bool:
    return review_refusal(task=task, story=story, user=user) is None


def task_states_for_reviewer(*, task, user) -> QuerySet[TaskState]:
    """Return the in-progress task states of `task` that `user` may decide on."""
    if not in_task_groups(user, task):
        return TaskState.objects.none()
    owned = [str(pk) for pk in Page.objects.filter(owner=user).values_list("pk", flat=True)]
    other_levels = [
        str(pk)
        for pk in ReviewSlipEntry.objects.filter(reviewer=user)
        .exclude(level=task.level)
        .values_list("story_id", flat=True)
    ]
    return (
        TaskState.objects.filter(task=task, status=TaskState.STATUS_IN_PROGRESS)
        .exclude(workflow_state__requested_by=user)
        .exclude(workflow_state__object_id__in=owned + other_levels)
    )
