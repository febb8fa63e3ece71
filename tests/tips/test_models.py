"""Tip models: the desk's workflow, what the reader is told, and names that hide contacts."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from chenbao.tips.models import (
    READER_STATUS,
    TRANSITIONS,
    Tip,
    TipContact,
    TipGroup,
    TipMessage,
    TipStatus,
)


def test_every_status_has_its_next_steps_and_words_for_the_reader():
    statuses = {s.value for s in TipStatus}
    assert set(TRANSITIONS) == statuses == set(READER_STATUS)
    for following in TRANSITIONS.values():
        assert following <= statuses


def test_a_new_tip_may_be_triaged_but_not_used_straight_away():
    tip = Tip(status="new")
    assert "triaged" in tip.allowed_next() and "used" not in tip.allowed_next()
    assert Tip(status="used").allowed_next() == {"verifying"}


def test_every_finished_tip_can_be_reopened():
    for status in ("used", "not_used", "duplicate", "spam"):
        assert Tip(status=status).allowed_next() & {"triaged", "verifying"}, status


def test_spam_is_told_to_the_reader_as_not_used():
    assert Tip(status="spam").reader_status == Tip(status="not_used").reader_status == "暂未采用"
    assert Tip(status="new").reader_status == "已收到，等待编辑查看"


def test_names_never_show_a_contact_or_a_tips_text():
    tip = Tip(pk=12, text="东风路两车相撞")
    contact = TipContact(tip=tip, phone_enc="token")
    assert str(tip) == "爆料 #12" and "东风路" not in str(tip)
    assert str(contact) == "爆料 #12 联系方式"
    message = TipMessage(
        tip=tip, sender=TipMessage.Sender.DESK, text="收到", at=dt.datetime(2022, 12, 2, 8, 5)
    )
    assert str(message).endswith("12-02 08:05") and "收到" not in str(message)


@pytest.mark.django_db
def test_the_database_refuses_a_status_outside_the_workflow():
    tip = Tip.objects.create(
        text="x", group=TipGroup.objects.create(), receipt_index="abc123", receipt_hash="-"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Tip.objects.filter(pk=tip.pk).update(status="lost")
