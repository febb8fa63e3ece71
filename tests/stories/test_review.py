"""Who may review a story at a level of 三审: the author never, one person one level."""

from wagtail.models import TaskState

from chenbao.core.roles import DEPARTMENT_HEAD, EDITOR, REPORTER
from chenbao.stories import review, services
from chenbao.stories.models import StoryPage


def current_task(story):
    return StoryPage.objects.get(pk=story.pk).current_workflow_task


def test_reviewers_dashboard_lists_only_stories_they_may_review(draft, desk, make_user):
    both = make_user("zhou_both", EDITOR, DEPARTMENT_HEAD)
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    assert TaskState.objects.reviewable_by(desk["editor"]).count() == 1
    assert TaskState.objects.reviewable_by(both).count() == 1
    assert TaskState.objects.reviewable_by(desk["reporter"]).count() == 0
    services.story_review(story=draft, user=both, action="approve")
    assert TaskState.objects.reviewable_by(desk["head"]).count() == 1
    assert TaskState.objects.reviewable_by(both).count() == 0  # already passed it at 初审


def test_the_author_is_the_owner_and_whoever_submitted_it(draft, desk, make_user):
    assert review.story_author_ids(draft) == {desk["reporter"].pk}
    colleague = make_user("colleague", REPORTER)
    services.story_submit_for_review(story=draft, user=colleague)
    assert review.story_author_ids(draft) == {desk["reporter"].pk, colleague.pk}


def test_someone_outside_the_levels_group_is_refused(draft, desk):
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    task = current_task(draft)
    assert review.review_refusal(task=task, story=draft, user=desk["head"]) == (
        "你不在初审的审稿组中"
    )
    assert review.review_refusal(task=task, story=draft, user=desk["editor"]) is None
    assert review.user_may_review(task=task, story=draft, user=desk["editor"])


def test_the_author_may_not_review_even_from_the_review_group(draft, desk):
    desk["reporter"].groups.add(*desk["editor"].groups.all())
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    task = current_task(draft)
    assert review.review_refusal(task=task, story=draft, user=desk["reporter"]) == (
        "作者不能审自己的稿件"
    )
    assert not review.user_may_review(task=task, story=draft, user=desk["reporter"])


def test_one_who_decided_at_one_level_may_not_decide_at_another(draft, desk, make_user):
    both = make_user("zhou_both", EDITOR, DEPARTMENT_HEAD)
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    first = current_task(draft)
    services.story_review(story=draft, user=both, action="approve")
    second = current_task(draft)
    assert review.review_refusal(task=second, story=draft, user=both) == (
        "你已在初审审过此稿，同一稿件不能由一人审两级"
    )
    # Their own level stays open to them (a re-review after a return).
    assert review.user_may_review(task=first, story=draft, user=both)
    assert list(review.task_states_for_reviewer(task=second, user=both)) == []
    assert [
        s.workflow_state.object_id
        for s in review.task_states_for_reviewer(task=second, user=desk["head"])
    ] == [str(draft.pk)]


def test_outside_the_group_no_task_state_is_offered(draft, desk):
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    task = current_task(draft)
    assert not review.task_states_for_reviewer(task=task, user=desk["head"]).exists()
    assert review.task_states_for_reviewer(task=task, user=desk["editor"]).count() == 1
