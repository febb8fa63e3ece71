"""Proofs (三校) and release to print (付印) of a printed page."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chenbao.core.access import Action, require
from chenbao.core.services import audit_record
from chenbao.core.users import display_name
from chenbao.editions.models import PrintRelease, ProofRound, ProofRoundNumber
from chenbao.editions.selectors import page_can_go_to_print


@transaction.atomic
def page_send_to_print(*, page, user) -> PrintRelease:
    """Send `page` to print (付印), refusing while any story lacks 终审 or a proof round is missing."""
    require(user, Action.PAGE_SEND_TO_PRINT, _("只有版面编辑、总编、值班总编可以签发付印"))
    if PrintRelease.objects.filter(page=page).exists():
        raise ValidationError(_("这一版已经付印"))
    ok, reasons = page_can_go_to_print(page)
    if not ok:
        raise ValidationError([_("这一版还不能付印：") + "；".join(str(r) for r in reasons)])
    release = PrintRelease.objects.create(page=page, released_by=user)
    audit_record(actor=user, action="page.send_to_print", obj=page, detail={})
    return release


@transaction.atomic
def proof_round_record(*, page, user, corrections: str = "") -> ProofRound:
    """Record the next proofreading (一校, 二校, 三校) of `page` by `user`."""
    require(user, Action.PAGE_PROOF_RECORD, _("只有校对可以登记校次"))
    done = set(ProofRound.objects.filter(page=page).values_list("number", flat=True))
    number = next((n for n in ProofRoundNumber.values if n not in done), None)
    if number is None:
        raise ValidationError(_("这一版已经三校完毕"))
    proof = ProofRound.objects.create(
        page=page,
        number=number,
        proofreader=user,
        proofreader_name=display_name(user),
        corrections=corrections.strip(),
    )
    audit_record(actor=user, action="page.proof", obj=page, detail={"round": number})
    return proof
