"""Review notices: on the dashboard always, by mail when a mail server is set."""

import logging

from django.core import mail

from chenbao.stories import services
from chenbao.stories.models import StoryNotice
from chenbao.stories.services import notices


def test_without_mail_configured_notices_still_reach_the_dashboard(
    draft, desk, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.story_submit_for_review(story=draft, user=desk["reporter"])
    assert mail.outbox == []
    assert StoryNotice.objects.filter(recipient=desk["editor"]).exists()


def test_a_notice_is_left_for_each_recipient_and_cut_to_fit(draft, desk):
    sent = services.notice_send(
        recipients=[desk["editor"], desk["head"]], story=draft, message="长" * 400
    )
    assert [n.recipient for n in sent] == [desk["editor"], desk["head"]]
    assert all(len(n.message) == 300 and n.read_at is None for n in sent)
    assert StoryNotice.objects.count() == 2


def test_mail_goes_after_commit_to_those_with_an_address_not_excluded(
    draft, desk, django_capture_on_commit_callbacks
):
    desk["head"].email = ""
    desk["head"].save()
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notice_send(
            recipients=[desk["editor"], desk["head"], desk["chief"]],
            story=draft,
            message="《稿件》等待初审",
            email_exclude={desk["chief"].pk},
        )
    assert mail.outbox == []  # nothing is mailed before the transaction commits
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["wang_editor@paper.example"]]
    (message,) = mail.outbox
    assert message.subject.endswith("《稿件》等待初审") and message.subject.startswith("[")
    assert f"/admin/pages/{draft.pk}/edit/" in message.body


def test_a_mail_outage_is_logged_and_does_not_fail_the_review(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(notices, "send_mail", broken)
    with caplog.at_level(logging.ERROR, logger=notices.__name__):
        notices._mail("主题", "正文", ["a@paper.example"])
    assert "could not be sent" in caplog.text


def test_only_ones_own_unread_notices_are_marked_read(draft, desk):
    mine, theirs = (
        services.notice_send(recipients=[u], story=draft, message="m")[0]
        for u in (desk["editor"], desk["head"])
    )
    assert services.notice_mark_read(user=desk["editor"], notice_ids=[mine.pk, theirs.pk]) == 1
    assert services.notice_mark_read(user=desk["editor"], notice_ids=[mine.pk]) == 0
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None
