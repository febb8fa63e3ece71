"""三审: a story submitted, decided at each level, and the reviewers told."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import TaskState, WorkflowState

from chenbao.core.services import audit_record
from chenbao.core.users import display_name
from chenbao.stories import review
from chenbao.stories.models import (
    ReviewDecision,
    ReviewLevel,
    ReviewSlipEntry,
    StoryNotice,
    StoryPage,
)
from chenbao.stories.services.notices import notice_send


@transaction.atomic
def story_submit_for_review(*, story: StoryPage, user) -> WorkflowState:
    """Send the story's newest revision into 三审 (or back in, after it was sent back)."""
    if story.is_withdrawn:
        raise PermissionDenied(_("此稿已撤稿，不能再送审"))
    state = story.current_workflow_state
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
        return WorkflowState.objects.get(pk=state.pk)
    if state and state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise ValidationError(_("此稿已在审稿流程中"))
    workflow = story.get_workflow()
    if workflow is None:
        raise ValidationError(_("没有为稿件设置审稿流程"))
    return workflow.start(story, user)


def story_review(*, story: StoryPage, user, action: str, opinion: str = "") -> None:
    """Decide on the story at its current level: `action` is "approve" or "reject".

    Goes through the workflow task, which refuses anyone the 三审 rules exclude.
    """
    story = StoryPage.objects.get(pk=story.pk)
    task = story.current_workflow_task
    task_state = story.current_workflow_task_state
    if task is None or task_state is None:
        raise PermissionDenied(_("此稿不在审稿流程中"))
    task.on_action(task_state, user, action, comment=opinion)


@transaction.atomic
def review_decide(*, task, task_state: TaskState, user, action: str, opinion: str = "") -> None:
    """Record `user`'s decision at `task`'s level on the review slip and move the workflow on.

    Called by the workflow tasks (ReviewTask.on_action): this is where the 三审 rules are
    enforced for every caller, the admin included.
    """
    if action not in ("approve", "reject"):
        raise PermissionDenied(_("未知的审稿操作"))
    task_state = TaskState.objects.select_for_update().get(pk=task_state.pk)
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        raise PermissionDenied(_("这一级审稿已经结束"))
    story = StoryPage.objects.get(pk=task_state.workflow_state.object_id)
    refusal = review.review_refusal(task=task, story=story, user=user)
    if refusal:
        raise PermissionDenied(refusal)
    if action == "approve" and task.level == ReviewLevel.FINAL and story.is_withdrawn:
        raise PermissionDenied(_("此稿已撤稿，不能签发"))
    latest = story.get_latest_revision()
    if action == "approve" and latest and task_state.revision_id != latest.pk:
        _approve_latest_revision(task_state=task_state, latest=latest)
    entry = ReviewSlipEntry.objects.create(
        story=story,
        level=task.level,
        decision=ReviewDecision.PASS if action == "approve" else ReviewDecision.RETURN,
        opinion=opinion,
        reviewer=user,
        reviewer_name=display_name(user),
        workflow_state=task_state.workflow_state,
        revision=latest,
    )
    # Whoever was told this step was waiting need not be told any more.
    StoryNotice.objects.filter(task_state_id=task_state.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    audit_record(
        actor=user,
        action=f"story.review.{entry.decision}",
        obj=story,
        detail={"level": task.level},
    )
    if action == "approve":
        task_state.approve(user=user, comment=opinion)
        workflow_state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
        if workflow_state.status == WorkflowState.STATUS_APPROVED:
            notice_send(
                recipients=get_user_model().objects.filter(pk__in=review.story_author_ids(story)),
                story=story,
                message=_("《%(title)s》已通过终审") % {"title": story.title},
            )
    else:
        task_state.reject(user=user, comment=opinion)
        passed = ReviewSlipEntry.objects.filter(
            workflow_state=task_state.workflow_state, decision=ReviewDecision.PASS
        ).values_list("reviewer_id", flat=True)
        recipients = (
            get_user_model()
            .objects.filter(pk__in={*review.story_author_ids(story), *passed})
            .exclude(pk=user.pk)
        )
        notice_send(
            recipients=recipients,
            story=story,
            # Wagtail already mails the submitter when a workflow is sent back.
            email_exclude={task_state.workflow_state.requested_by_id},
            message=_("《%(title)s》在%(level)s被退回修改：%(opinion)s")
            % {
                "title": story.title,
                "level": ReviewLevel(task.level).label,
                "opinion": opinion or _("（无意见）"),
            },
        )


def _approve_latest_revision(*, task_state: TaskState, latest) -> None:
    """Make the reviewer's decision apply to the newest revision, which they are looking at.

    If the text changed since the earlier levels passed it, they must read it again
    (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT). A new revision with the same text (the
    admin saves one whenever its form is posted) keeps their approvals.
    """
    previous = task_state.revision.as_object()
    if previous.content_signature() == latest.as_object().content_signature():
        already = set(
            TaskState.objects.filter(
                workflow_state_id=task_state.workflow_state_id,
                revision=latest,
                status=TaskState.STATUS_APPROVED,
            ).values_list("task_id", flat=True)
        )
        for state in TaskState.objects.filter(
            workflow_state_id=task_state.workflow_state_id,
            revision_id=task_state.revision_id,
            status=TaskState.STATUS_APPROVED,
        ).exclude(task_id__in=already):
            state.copy(update_attrs={"revision": latest})
    task_state.revision = latest
    task_state.save(update_fields=["revision"])


def review_task_started(*, task_state: TaskState, task, user) -> None:
    """Tell the reviewers of `task`'s level that a story is waiting for them."""
    story = StoryPage.objects.filter(pk=task_state.workflow_state.object_id).first()
    if story is None:
        return
    members = (
        get_user_model().objects.filter(is_active=True, groups__in=task.groups.all()).distinct()
    )
    recipients = [u for u in members if review.user_may_review(task=task, story=story, user=u)]
    notice_send(
        recipients=recipients,
        story=story,
        task_state=task_state,
        message=_("《%(title)s》等待%(level)s")
        % {
            "title": story.title,
            "level": ReviewLevel(task.level).label,
        },
    )
