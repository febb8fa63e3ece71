"""After publication: corrections (更正) and withdrawals (撤稿)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import WorkflowState

from chenbao.stories import services
from chenbao.stories.models import StoryCorrection, StoryPage


def test_a_correction_is_signed_off_by_a_chief_with_a_note(published, desk):
    correction = services.story_correct(story=published, user=desk["duty"], note="  数字有误 ")
    assert correction.note == "数字有误" and correction.created_by == desk["duty"]
    assert list(StoryCorrection.objects.filter(story=published)) == [correction]


@pytest.mark.parametrize("who", ["reporter", "editor", "head"])
def test_only_chiefs_may_correct_or_withdraw(published, desk, who):
    with pytest.raises(PermissionDenied):
        services.story_correct(story=published, user=desk[who], note="改")
    with pytest.raises(PermissionDenied):
        services.story_withdraw(story=published, user=desk[who], reason="撤")
    assert StoryPage.objects.get(pk=published.pk).live


def test_a_correction_needs_a_note_and_a_live_story(published, desk, story_data):
    with pytest.raises(ValidationError, match="请填写更正说明"):
        services.story_correct(story=published, user=desk["chief"], note="   ")
    draft = services.story_create_draft(
        section=published.get_parent(), data=story_data, user=desk["reporter"]
    )
    with pytest.raises(ValidationError, match="只能更正已发布的稿件"):
        services.story_correct(story=draft, user=desk["chief"], note="改")
    assert not StoryCorrection.objects.exists()


def test_a_withdrawal_takes_the_story_off_the_site_with_its_reason(published, desk):
    withdrawal = services.story_withdraw(story=published, user=desk["chief"], reason=" 事实有误 ")
    story = StoryPage.objects.get(pk=published.pk)
    assert not story.live and story.is_withdrawn
    assert withdrawal.reason == "事实有误" and withdrawal.withdrawn_by == desk["chief"]


def test_a_story_is_withdrawn_once_and_only_with_a_reason(published, desk):
    with pytest.raises(ValidationError, match="请填写撤稿原因"):
        services.story_withdraw(story=published, user=desk["chief"], reason="")
    services.story_withdraw(story=published, user=desk["chief"], reason="事实有误")
    with pytest.raises(ValidationError, match="此稿已经撤稿"):
        services.story_withdraw(story=published, user=desk["duty"], reason="再撤")


def test_withdrawing_a_story_in_review_cancels_its_review(draft, desk):
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    services.story_withdraw(story=draft, user=desk["chief"], reason="不再刊发")
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_CANCELLED
    assert StoryPage.objects.get(pk=draft.pk).current_workflow_state is None
