"""The desk's actions on a tip: the workflow, assignment, revealing a contact (audited)."""

import pytest
from django.core.exceptions import PermissionDenied

from chenbao.core.models import AuditEntry
from chenbao.tips.models import TipContact
from chenbao.tips.services import (
    TipError,
    tip_assign,
    tip_contact_reveal,
    tip_note_add,
    tip_reply,
    tip_status_change,
)

pytestmark = pytest.mark.django_db


def test_contact_is_encrypted_and_reveal_is_audited(submit, desk):
    tip, _ = submit(contact_phone="13905331234", contact_wechat="zhang_san88")
    row = TipContact.objects.get(tip=tip)
    assert "13905331234" not in row.phone_enc and "zhang_san88" not in row.wechat_enc
    assert tip_contact_reveal(user=desk, tip=tip) == {
        "phone": "13905331234",
        "wechat": "zhang_san88",
        "name": "",
    }
    entry = AuditEntry.objects.get(action="tip.contact_reveal")
    assert entry.actor == desk and entry.object_id == str(tip.pk)
    assert "13905331234" not in str(entry.detail)


def test_status_follows_the_workflow_and_is_audited(submit, desk):
    tip, _ = submit()
    tip = tip_status_change(user=desk, tip=tip, status="triaged")
    with pytest.raises(TipError, match="不能从"):
        tip_status_change(user=desk, tip=tip, status="used")
    tip_status_change(user=desk, tip=tip, status="verifying")
    tip = tip_status_change(user=desk, tip=tip, status="used")
    assert tip.status == "used"
    assert AuditEntry.objects.filter(action="tip.status").count() == 3


def test_a_reply_to_a_new_tip_marks_it_read_and_answered(submit, desk):
    tip, _ = submit()
    message = tip_reply(user=desk, tip=tip, text="收到，谢谢您")
    tip.refresh_from_db()
    assert (tip.status, tip.answered) == ("triaged", True)
    assert message.sender == "desk" and message.author == desk and message.text == "收到，谢谢您"
    assert AuditEntry.objects.filter(
        action="tip.status", detail={"from": "new", "to": "triaged"}
    ).exists()


def test_a_reply_to_a_tip_being_followed_keeps_its_status(submit, desk, reporter):
    tip, _ = submit()
    tip_assign(user=desk, tip=tip, reporter=reporter)
    tip_reply(user=desk, tip=tip, text="记者已经在路上")
    tip.refresh_from_db()
    assert tip.status == "assigned" and tip.answered
    assert not AuditEntry.objects.filter(action="tip.status").exists()


def test_an_empty_status_or_an_unknown_one_is_refused_plainly(submit, desk):
    tip, _ = submit()
    with pytest.raises(TipError, match="请选择新状态"):
        tip_status_change(user=desk, tip=tip, status="")
    with pytest.raises(TipError, match="没有这个状态"):
        tip_status_change(user=desk, tip=tip, status="lost")


def test_assigning_moves_a_new_tip_on_but_keeps_a_verifying_one_verifying(submit, desk, reporter):
    tip, _ = submit()
    assert tip_assign(user=desk, tip=tip, reporter=reporter).status == "assigned"
    tip_status_change(user=desk, tip=tip, status="verifying")
    tip = tip_assign(user=desk, tip=tip, reporter=desk)
    assert tip.status == "verifying" and tip.assigned_to == desk
    tip_status_change(user=desk, tip=tip, status="not_used")
    with pytest.raises(TipError, match="不能派给记者"):
        tip_assign(user=desk, tip=tip, reporter=reporter)


def test_a_note_stays_inside_the_newsroom(submit, desk):
    tip, _ = submit()
    note = tip_note_add(user=desk, tip=tip, text="  已电话联系，属实  ")
    assert note.author == desk and note.text.strip() == "已电话联系，属实"
    assert not tip.messages.exists()


def test_reporters_may_not_reveal_a_contact_and_a_tip_without_one_reveals_blanks(
    submit, desk, reporter
):
    tip, _ = submit()
    with pytest.raises(PermissionDenied):
        tip_contact_reveal(user=reporter, tip=tip)
    assert tip_contact_reveal(user=desk, tip=tip) == {"phone": "", "wechat": "", "name": ""}
    assert AuditEntry.objects.filter(action="tip.contact_reveal").count() == 1
