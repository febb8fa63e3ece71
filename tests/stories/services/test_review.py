"""三审 services: submitting, deciding at a level, and telling the reviewers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import TaskState

from chenbao.core.models import AuditEntry
from chenbao.stories import services
from chenbao.stories.models import ReviewSlipEntry, StoryNotice, StoryPage


def test_the_final_pass_tells_the_author(draft, desk, pass_review):
    pass_review(draft)
    assert StoryNotice.objects.filter(
        recipient=desk["reporter"], message__contains="已通过终审"
    ).exists()


def test_unknown_actions_are_refused(draft, desk):
    import pytest
    from django.core.exceptions import PermissionDenied

    services.story_submit_for_review(story=draft, user=desk["reporter"])
    with pytest.raises(PermissionDenied):
        services.story_review(story=draft, user=desk["editor"], action="publish")


def test_a_waiting_notice_is_settled_when_the_level_decides(draft, desk):
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    waiting = StoryNotice.objects.get(recipient=desk["editor"], story=draft)
    assert waiting.read_at is None
    services.story_review(story=draft, user=desk["editor"], action="approve")
    waiting.refresh_from_db()
    assert waiting.read_at is not None
    assert StoryNotice.objects.filter(recipient=desk["head"], read_at__isnull=True).count() == 1


def test_a_story_already_in_review_cannot_be_submitted_again(draft, desk):
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    with pytest.raises(ValidationError, match="此稿已在审稿流程中"):
        services.story_submit_for_review(
            story=StoryPage.objects.get(pk=draft.pk), user=desk["reporter"]
        )


def test_a_story_outside_review_cannot_be_decided_on(draft, desk):
    with pytest.raises(PermissionDenied, match="此稿不在审稿流程中"):
        services.story_review(story=draft, user=desk["editor"], action="approve")


def test_a_sent_back_story_resumes_its_workflow_when_resubmitted(draft, desk):
    first = services.story_submit_for_review(story=draft, user=desk["reporter"])
    services.story_review(story=draft, user=desk["editor"], action="reject", opinion="重写")
    again = services.story_submit_for_review(
        story=StoryPage.objects.get(pk=draft.pk), user=desk["reporter"]
    )
    assert again.pk == first.pk and again.status == "in_progress"


def test_a_decision_is_written_on_the_slip_and_audited(draft, desk):
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    services.story_review(story=draft, user=desk["editor"], action="approve", opinion="核实无误")
    entry = ReviewSlipEntry.objects.get(story=draft)
    assert (entry.level, entry.decision, entry.opinion, entry.reviewer) == (
        1,
        "pass",
        "核实无误",
        desk["editor"],
    )
    assert entry.revision_id == StoryPage.objects.get(pk=draft.pk).latest_revision_id
    assert AuditEntry.objects.filter(action="story.review.pass", object_id=str(draft.pk)).exists()


def test_a_level_that_has_decided_cannot_decide_again(draft, desk):
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    story = StoryPage.objects.get(pk=draft.pk)
    task, task_state = story.current_workflow_task, story.current_workflow_task_state
    services.story_review(story=draft, user=desk["editor"], action="approve")
    with pytest.raises(PermissionDenied, match="这一级审稿已经结束"):
        services.review_decide(
            task=task, task_state=task_state, user=desk["editor"], action="approve"
        )


def test_a_return_tells_the_author_and_who_passed_it_but_not_who_returned_it(draft, desk):
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    services.story_review(story=draft, user=desk["editor"], action="approve")
    services.story_review(story=draft, user=desk["head"], action="reject")
    told = set(
        StoryNotice.objects.filter(message__contains="在复审被退回修改：（无意见）").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"li_reporter", "wang_editor"}


def test_a_withdrawn_story_cannot_pass_final_review(draft, desk):
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    services.story_review(story=draft, user=desk["editor"], action="approve")
    services.story_review(story=draft, user=desk["head"], action="approve")
    story = StoryPage.objects.get(pk=draft.pk)
    task, task_state = story.current_workflow_task, story.current_workflow_task_state
    from chenbao.stories.models import StoryWithdrawal

    # A withdrawal recorded while the story waits at 终审 (the service also cancels the
    # workflow; the task refuses on its own all the same).
    StoryWithdrawal.objects.create(story=story, reason="撤", withdrawn_by=desk["chief"])
    with pytest.raises(PermissionDenied, match="此稿已撤稿，不能签发"):
        services.review_decide(
            task=task, task_state=task_state, user=desk["chief"], action="approve"
        )
    assert not StoryPage.objects.get(pk=draft.pk).live


def test_the_waiting_level_is_told_but_never_the_author(draft, desk):
    desk["reporter"].groups.add(*desk["editor"].groups.all())
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    waiting = StoryNotice.objects.filter(message="《淄博今年新建改扩建幼儿园42所》等待初审")
    assert set(waiting.values_list("recipient__username", flat=True)) == {"wang_editor"}
    assert waiting.get().task_state == TaskState.objects.get(status="in_progress")
