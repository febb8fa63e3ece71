"""Story models: bylines as printed, what a version shows readers, the 三审 tasks."""

from chenbao.core.roles import DEPARTMENT_HEAD
from chenbao.stories import services
from chenbao.stories.models import (
    Contributor,
    ReviewSlipEntry,
    StoryPage,
)


def story_with(section, desk, *bylines):
    return services.story_create_draft(
        section=section,
        data=services.StoryData(
            headline="标题",
            bylines=tuple(
                services.BylineData(role=r, name=n, organisation=o) for o, r, n in bylines
            ),
        ),
        user=desk["reporter"],
    )


def test_the_organisation_is_printed_once_for_consecutive_bylines(section, desk):
    story = story_with(
        section,
        desk,
        ("大众日报", "记者", "任灵芝"),
        ("大众日报", "记者", "姜东林"),
        ("大众日报", "通讯员", "王磊"),
        ("", "实习生", "李想"),
    )
    assert story.byline_groups() == [
        ("大众日报", "记者", ["任灵芝", "姜东林"]),
        ("大众日报", "通讯员", ["王磊"]),
        ("", "实习生", ["李想"]),
    ]
    assert story.byline_text() == "大众日报记者 任灵芝 姜东林 通讯员 王磊 实习生 李想"


def test_a_story_without_bylines_has_an_empty_byline(section, desk):
    story = story_with(section, desk)
    assert story.byline_groups() == [] and story.byline_text() == ""


def test_the_headline_is_the_page_title():
    assert (
        StoryPage(title="淄博今年新建改扩建幼儿园42所").headline == "淄博今年新建改扩建幼儿园42所"
    )


def test_a_story_is_withdrawn_only_once_a_withdrawal_is_recorded(published, desk):
    assert not published.is_withdrawn
    services.story_withdraw(story=published, user=desk["chief"], reason="撤")
    assert published.is_withdrawn


def test_the_content_signature_changes_with_the_text_not_with_a_resave(draft, desk, story_data):
    before = StoryPage.objects.get(pk=draft.pk).content_signature()
    services.story_update_draft(story=draft, data=story_data, user=desk["reporter"])
    same = StoryPage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert same.content_signature() == before
    services.story_update_draft(
        story=draft,
        data=services.StoryData(**{**story_data.__dict__, "subtitle": "新增学位1.2万个"}),
        user=desk["reporter"],
    )
    changed = StoryPage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert changed.content_signature() != before


def test_a_contributor_is_named_with_the_organisation_when_there_is_one():
    assert str(Contributor(name="任灵芝", organisation="大众日报")) == "任灵芝（大众日报）"
    assert str(Contributor(name="姜东林")) == "姜东林"


def test_a_slip_entry_reads_as_level_reviewer_and_decision(draft, desk):
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    services.story_review(story=draft, user=desk["editor"], action="reject", opinion="重写")
    entry = ReviewSlipEntry.objects.get()
    assert str(entry) == f"初审 {entry.reviewer_name} 退回修改"


def test_a_review_task_offers_decisions_only_to_who_may_decide(draft, desk, make_user):
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    story = StoryPage.objects.get(pk=draft.pk)
    task = story.current_workflow_task.specific
    assert [name for name, _label, _modal in task.get_actions(story, desk["editor"])] == [
        "reject",
        "approve",
        "approve",
    ]
    assert task.get_actions(story, make_user("other_head", DEPARTMENT_HEAD)) == []
    assert not task.locked_for_user(story, desk["editor"])
    assert task.locked_for_user(story, desk["reporter"])
    assert task.user_can_lock(story, desk["editor"])
    assert not task.user_can_unlock(story, desk["editor"])
