"""The stories' admin hooks: header buttons, the dashboard's notices, the review menu."""

from django.test import Client
from wagtail.admin.action_menu import SaveDraftMenuItem, WorkflowMenuItem

from chenbao.core.roles import AD_DESK
from chenbao.stories import services
from chenbao.stories.models import StoryNotice
from chenbao.stories.wagtail_hooks import review_decisions_first, story_header_buttons


def test_notices_can_be_marked_read_from_the_dashboard(draft, desk):
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    client = Client()
    client.force_login(desk["editor"])
    assert "等待初审" in client.get("/admin/").content.decode()
    ids = list(StoryNotice.objects.filter(recipient=desk["editor"]).values_list("pk", flat=True))
    response = client.post("/admin/stories/notices/read/", {"notice": ids})
    assert response.status_code == 302
    assert not StoryNotice.objects.filter(recipient=desk["editor"], read_at__isnull=True)
    assert "等待初审" not in client.get("/admin/").content.decode()


def button_labels(page, user):
    return [str(b.label) for b in story_header_buttons(page, user, "edit")]


def test_a_chief_sees_slip_correction_and_withdrawal_on_a_live_story(published, desk):
    assert button_labels(published, desk["chief"]) == ["审稿单（PDF）", "发布更正", "撤稿"]


def test_the_author_sees_only_the_slip_and_others_nothing(published, desk, make_user):
    assert button_labels(published, desk["reporter"]) == ["审稿单（PDF）"]
    assert button_labels(published, make_user("ads", AD_DESK)) == []


def test_a_draft_cannot_be_corrected_or_withdrawn_from_its_header(draft, desk):
    assert button_labels(draft, desk["chief"]) == ["审稿单（PDF）"]


def test_pages_that_are_not_stories_get_no_story_buttons(section, desk):
    assert button_labels(section, desk["chief"]) == []


def test_the_review_decisions_lead_the_action_menu(rf):
    save = SaveDraftMenuItem()
    plain = WorkflowMenuItem("approve", "通过", False)
    with_opinion = WorkflowMenuItem("approve", "通过并签署意见", True)
    send_back = WorkflowMenuItem("reject", "退回修改", True)
    menu = [save, plain, send_back, with_opinion]
    review_decisions_first(menu, rf.get("/"), {})
    assert menu == [with_opinion, send_back, plain, save]


def test_a_menu_without_review_decisions_is_left_alone(rf):
    items = [SaveDraftMenuItem(), SaveDraftMenuItem()]
    menu = list(items)
    review_decisions_first(menu, rf.get("/"), {})
    assert menu == items


def test_the_dashboard_shows_no_notices_to_someone_without_any(draft, desk):
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    assert StoryNotice.objects.filter(recipient=desk["editor"]).exists()
    head = Client()
    head.force_login(desk["head"])
    assert "等待初审" not in head.get("/admin/").content.decode()
