"""The 三审 rules outside the main walk: dashboards, notices, mail."""

from django.core import mail
from django.test import Client
from wagtail.models import TaskState

from chenbao.core.roles import DEPARTMENT_HEAD, EDITOR
from chenbao.stories import services
from chenbao.stories.models import StoryNotice


def test_reviewers_dashboard_lists_only_stories_they_may_review(draft, desk, make_user):
    both = make_user("zhou_both", EDITOR, DEPARTMENT_HEAD)
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    assert TaskState.objects.reviewable_by(desk["editor"]).count() == 1
    assert TaskState.objects.reviewable_by(both).count() == 1
    assert TaskState.objects.reviewable_by(desk["reporter"]).count() == 0
    services.story_review(story=draft, user=both, action="approve")
    assert TaskState.objects.reviewable_by(desk["head"]).count() == 1
    assert TaskState.objects.reviewable_by(both).count() == 0  # already passed it at 初审


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


def test_without_mail_configured_notices_still_reach_the_dashboard(
    draft, desk, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.story_submit_for_review(story=draft, user=desk["reporter"])
    assert mail.outbox == []
    assert StoryNotice.objects.filter(recipient=desk["editor"]).exists()


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


def test_archive_import_publishes_without_review_but_respects_a_withdrawal(reference_page, desk):
    """The archive exception: printed stories are published as imported, with no review."""
    from chenbao.archive.importer import page_import
    from chenbao.archive.pagetext import parse_page
    from chenbao.archive.reference import REFERENCE_DATE, REFERENCE_PAGE
    from chenbao.stories.models import StoryPage

    story = reference_page.story_placements.first().story
    assert story.live and not story.review_slip.exists()
    services.story_withdraw(story=story, user=desk["chief"], reason="版权方要求撤下")
    page_import(
        page=parse_page(REFERENCE_PAGE.read_text(encoding="utf-8")),
        date=REFERENCE_DATE,
        number="A02",
        name="要闻",
    )
    assert not StoryPage.objects.get(pk=story.pk).live
    others = StoryPage.objects.exclude(pk=story.pk).filter(placements__page__number="A02")
    assert others and all(s.live for s in others)


def test_corrections_and_withdrawals_from_the_admin(published, desk):
    from chenbao.stories.models import StoryCorrection, StoryPage

    chief = Client()
    chief.force_login(desk["chief"])
    edit = chief.get(f"/admin/pages/{published.pk}/edit/").content.decode()
    assert "发布更正" in edit and "撤稿" in edit and "审稿单" in edit
    response = chief.post(f"/admin/stories/{published.pk}/correct/", {"note": "电头日期有误"})
    assert response.status_code == 302
    assert StoryCorrection.objects.get(story=published).note == "电头日期有误"
    assert "电头日期有误" in Client().get(published.url).content.decode()

    empty = chief.post(f"/admin/stories/{published.pk}/withdraw/", {"reason": "  "})
    assert empty.status_code == 200 and StoryPage.objects.get(pk=published.pk).live

    reporter = Client()
    reporter.force_login(desk["reporter"])
    assert "撤稿" not in reporter.get(f"/admin/pages/{published.pk}/edit/").content.decode()
    refused = reporter.post(f"/admin/stories/{published.pk}/withdraw/", {"reason": "不想要了"})
    assert refused["Location"] == "/admin/" and StoryPage.objects.get(pk=published.pk).live

    chief.post(f"/admin/stories/{published.pk}/withdraw/", {"reason": "事实有误"})
    assert not StoryPage.objects.get(pk=published.pk).live
    assert Client().get(published.url).status_code == 404
    # Kept in the archive with the reason, for those who may see it.
    record = chief.get("/admin/stories/withdrawals/").content.decode()
    assert "事实有误" in record and published.title in record
    assert reporter.get("/admin/stories/withdrawals/")["Location"] == "/admin/"


def test_a_waiting_notice_is_settled_when_the_level_decides(draft, desk):
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    waiting = StoryNotice.objects.get(recipient=desk["editor"], story=draft)
    assert waiting.read_at is None
    services.story_review(story=draft, user=desk["editor"], action="approve")
    waiting.refresh_from_db()
    assert waiting.read_at is not None
    assert StoryNotice.objects.filter(recipient=desk["head"], read_at__isnull=True).count() == 1
