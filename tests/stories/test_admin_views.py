"""The stories' newsroom pages under /admin/: correction, withdrawal, the withdrawals list and
the dashboard's notices, each behind its role."""

import pytest
from django.test import Client
from django.urls import reverse

from chenbao.stories.models import StoryNotice, StoryPage


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_duty_chief_publishes_a_correction_from_the_form(published, desk):
    url = reverse("chenbao_story_correct", args=[published.pk])
    response = logged_in(desk["duty"]).post(url, {"note": "原稿“1.2万个”应为“1.1万个”。"})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[published.pk])
    assert "1.1万个" in StoryPage.objects.get(pk=published.pk).corrections.get().note


def test_a_correction_without_a_note_is_sent_back_with_the_form(published, desk):
    url = reverse("chenbao_story_correct", args=[published.pk])
    response = logged_in(desk["duty"]).post(url, {"note": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    assert not StoryPage.objects.get(pk=published.pk).corrections.exists()


@pytest.mark.parametrize("name", ["chenbao_story_correct", "chenbao_story_withdraw"])
def test_a_reporter_may_neither_correct_nor_withdraw(published, desk, name):
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
    client = logged_in(desk["reporter"])
    response = client.post(reverse(name, args=[published.pk]), {"note": "我来改", "reason": "x"})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    story = StoryPage.objects.get(pk=published.pk)
    assert story.live and not story.corrections.exists()


def test_the_chief_withdraws_a_story_and_it_is_listed_with_the_reason(published, desk):
    client = logged_in(desk["chief"])
    url = reverse("chenbao_story_withdraw", args=[published.pk])
    assert client.post(url, {"reason": "当事方提出异议，核实中。"}).status_code == 302
    assert not StoryPage.objects.get(pk=published.pk).live
    listing = client.get(reverse("chenbao_story_withdrawals"))
    assert listing.status_code == 200
    assert "当事方提出异议，核实中。" in listing.content.decode()
    refused = logged_in(desk["reporter"]).get(reverse("chenbao_story_withdrawals"))
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")


def test_notices_are_marked_read_by_post_only_and_only_ones_own(draft, desk):
    mine = StoryNotice.objects.create(recipient=desk["editor"], story=draft, message="请审稿")
    theirs = StoryNotice.objects.create(recipient=desk["head"], story=draft, message="请审稿")
    client = logged_in(desk["editor"])
    url = reverse("chenbao_story_notices_read")
    assert client.get(url)["Location"] == reverse("wagtailadmin_home")  # POST only
    ids = {"notice": [str(mine.pk), str(theirs.pk), "x"]}
    assert client.post(url, ids).status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None


def test_every_stories_admin_page_needs_a_login(published):
    for name in ("chenbao_story_correct", "chenbao_story_withdraw"):
        response = Client().get(reverse(name, args=[published.pk]))
        assert response.status_code == 302 and "/login/" in response["Location"]
    response = Client().get(reverse("chenbao_story_withdrawals"))
    assert response.status_code == 302 and "/login/" in response["Location"]


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
