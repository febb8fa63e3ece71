"""The tip desk's actions on a tip: reply, note, status, assignment, story link, contact
reveal. Each writes the audit log; none logs a tip's text or a tipster's contact."""

from django.db import transaction
from django.utils import timezone

from chenbao.core.access import Action, require
from chenbao.core.services import audit_record
from chenbao.tips import crypto
from chenbao.tips.models import (
    TRANSITIONS,
    Tip,
    TipContact,
    TipMessage,
    TipNote,
    TipStatus,
)
from chenbao.tips.services.errors import TipError
from chenbao.tips.services.intake import clean_text


@transaction.atomic
def tip_reply(*, user, tip: Tip, text: str) -> TipMessage:
    """Send the desk's reply to the tipster's chat.

    A reply to a new tip shows the desk has read it: the tip moves on to 已初筛, so the
    reader sees 编辑已查看 and the inbox stops counting it as new.
    """
    message = TipMessage.objects.create(
        tip=tip, sender=TipMessage.Sender.DESK, author=user, text=clean_text(text, field="回复")
    )
    audit_record(actor=user, action="tip.reply", obj=tip)
    Tip.objects.filter(pk=tip.pk).update(answered=True)
    tip.answered = True
    moved = Tip.objects.filter(pk=tip.pk, status=TipStatus.NEW).update(
        status=TipStatus.TRIAGED, updated_at=timezone.now()
    )
    if moved:
        tip.status = TipStatus.TRIAGED
        audit_record(
            actor=user, action="tip.status", obj=tip, detail={"from": "new", "to": "triaged"}
        )
    return message


@transaction.atomic
def tip_note_add(*, user, tip: Tip, text: str) -> TipNote:
    """Add an internal note (the tipster never sees it)."""
    return TipNote.objects.create(tip=tip, author=user, text=clean_text(text, field="备注"))


@transaction.atomic
def tip_status_change(*, user, tip: Tip, status: str) -> Tip:
    """Move the tip to `status` if the workflow allows it."""
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    if not status:
        raise TipError("请选择新状态。")
    if status not in TRANSITIONS.get(tip.status, set()):
        raise TipError(
            f"不能从“{TipStatus(tip.status).label}”改为“{TipStatus(status).label}”。"
            if status in TipStatus.values
            else "没有这个状态。"
        )
    old = tip.status
    tip.status = status
    tip.save(update_fields=["status", "updated_at"])
    audit_record(actor=user, action="tip.status", obj=tip, detail={"from": old, "to": status})
    return tip


@transaction.atomic
def tip_assign(*, user, tip: Tip, reporter) -> Tip:
    """Give the tip to `reporter` to follow up (status becomes 已派记者)."""
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    if tip.status not in {"new", "triaged", "assigned", "verifying"}:
        raise TipError("这条爆料当前状态不能派给记者。")
    old = tip.status
    tip.assigned_to = reporter
    if tip.status in {"new", "triaged"}:
        tip.status = TipStatus.ASSIGNED
    tip.save(update_fields=["assigned_to", "status", "updated_at"])
    audit_record(
        actor=user,
        action="tip.assign",
        obj=tip,
        detail={"reporter": reporter.pk, "from": old, "to": tip.status},
    )
    return tip


@transaction.atomic
def tip_link_story(*, user, tip: Tip, story) -> Tip:
    """Record that `story` grew out of this tip (when it is published, a reward is proposed)."""
    tip.story = story
    tip.save(update_fields=["story", "updated_at"])
    audit_record(actor=user, action="tip.link_story", obj=tip, detail={"story": story.pk})
    return tip


@transaction.atomic
def tip_contact_reveal(*, user, tip: Tip) -> dict[str, str]:
    """Return the tipster's contact in clear; the reveal is written to the audit log.

    Only the tip desk (热线编辑) may reveal a contact; reporters never see it.
    """
    require(user, Action.TIP_DESK)
    contact = TipContact.objects.filter(tip=tip).first()
    audit_record(actor=user, action="tip.contact_reveal", obj=tip)
    if contact is None:
        return {"phone": "", "wechat": "", "name": ""}
    return {
        "phone": crypto.decrypt(contact.phone_enc),
        "wechat": crypto.decrypt(contact.wechat_enc),
        "name": crypto.decrypt(contact.name_enc),
    }
