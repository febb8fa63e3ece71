"""Tips coming in: the reader's form and chat, the hotline desk, an exported group chat.

Everything slow (checking files, hashing the receipt, the near-duplicate lookup) happens
before the one short transaction that records the tip. Nothing here logs a tip's text or a
tipster's contact."""

import re
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from chenbao.core.services import audit_record
from chenbao.tips import chatlog, crypto, lsh, media, receipts, similarity, storage
from chenbao.tips import uploads as tip_uploads
from chenbao.tips.models import (
    Tip,
    TipChannel,
    TipContact,
    TipFile,
    TipGroup,
    TipMessage,
)
from chenbao.tips.services.errors import TipError, Upload
from chenbao.tips.services.grouping import group_of, similar_tips_find

COMPLETE_MIN_CHARS = 30  # "complete": says enough about what, where and when
MAX_CONTACT_CHARS = 40
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{4,19}$")


def clean_text(text: str, *, field: str = "内容") -> str:
    text = (text or "").replace("\x00", "").strip()
    limit = settings.CHENBAO["TIP_MAX_TEXT_CHARS"]
    if not text:
        raise TipError(f"请填写{field}。")
    if len(text) > limit:
        raise TipError(f"{field}太长了：最多 {limit} 个字，现在是 {len(text)} 个字。")
    return text


def _clean_contact(phone: str, wechat: str, name: str = "") -> tuple[str, str, str]:
    phone, wechat, name = (phone or "").strip(), (wechat or "").strip(), (name or "").strip()
    for value, label in ((phone, "手机号"), (wechat, "微信号"), (name, "称呼")):
        if len(value) > MAX_CONTACT_CHARS:
            raise TipError(f"{label}太长了：最多 {MAX_CONTACT_CHARS} 个字符。")
    if phone and not _PHONE.match(phone):
        raise TipError("手机号格式不对，请只填数字。")
    return phone, wechat, name


def _clean_files(uploads: list[Upload], *, tip: Tip | None = None) -> list[media.CleanFile]:
    try:
        return tip_uploads.uploads_clean([u.data for u in uploads], tip=tip)
    except media.MediaError as exc:
        raise TipError(str(exc)) from exc


def _store_files(cleaned: list[media.CleanFile]) -> list[tuple[str, media.CleanFile]]:
    stored = []
    try:
        for f in cleaned:
            stored.append((storage.store(f.data, f.ext), f))
    except Exception:
        _unstore(stored)
        raise
    return stored


def _unstore(stored) -> None:
    for name, _f in stored:
        storage.remove(name)


def _attach(tip: Tip, stored) -> None:
    TipFile.objects.bulk_create(
        TipFile(tip=tip, kind=f.kind, name=name, content_type=f.content_type, size=len(f.data))
        for name, f in stored
    )


def tip_submit(
    *,
    text: str,
    channel: str = TipChannel.WEB,
    contact_phone: str = "",
    contact_wechat: str = "",
    contact_name: str = "",
    uploads: Sequence[Upload] = (),
    actor=None,
) -> tuple[Tip, str]:
    """Record a new tip and return it with its receipt code (the only time the code exists).

    Everything slow (checking photos, hashing the receipt, finding similar tips) happens
    before the one short transaction, so a receipt is returned only once the tip is committed.
    """
    text = clean_text(text)
    phone, wechat, name = _clean_contact(contact_phone, contact_wechat, contact_name)
    cleaned = _clean_files(list(uploads))
    code = receipts.receipt_new()
    receipt_hash = receipts.receipt_hash(code, settings.CHENBAO["TIP_ARGON2"])
    index = receipts.receipt_index(code, crypto.index_key())
    sig = similarity.signature(text)
    keys = lsh.band_keys(sig)
    similar_tips = similar_tips_find(sig, keys)
    contact = (crypto.encrypt(phone), crypto.encrypt(wechat), crypto.encrypt(name))
    stored = _store_files(cleaned)
    try:
        with transaction.atomic():
            group_id = group_of(similar_tips) or TipGroup.objects.create().pk
            tip = Tip.objects.create(
                text=text,
                channel=channel,
                group_id=group_id,
                receipt_index=index,
                receipt_hash=receipt_hash,
                minhash=sig,
                lsh_keys=lsh.keys_bytes(keys),
                complete=len(similarity.normalise(text)) >= COMPLETE_MIN_CHARS,
            )
            if any((phone, wechat, name)):
                TipContact.objects.create(
                    tip=tip, phone_enc=contact[0], wechat_enc=contact[1], name_enc=contact[2]
                )
            _attach(tip, stored)
            if actor is not None:
                audit_record(actor=actor, action="tip.intake", obj=tip, detail={"channel": channel})
    except Exception:
        _unstore(stored)
        raise
    return tip, code


def tip_message_add(
    *, tip: Tip, text: str = "", uploads: Sequence[Upload] = ()
) -> TipMessage | None:
    """Add the tipster's reply (and files) to their tip's chat."""
    uploads = list(uploads)
    if not (text or "").strip() and not uploads:
        raise TipError("请填写内容或选择文件。")
    text = clean_text(text) if (text or "").strip() else ""
    cleaned = _clean_files(uploads, tip=tip)
    stored = _store_files(cleaned)
    try:
        with transaction.atomic():
            message = (
                TipMessage.objects.create(tip=tip, sender=TipMessage.Sender.TIPSTER, text=text)
                if text
                else None
            )
            _attach(tip, stored)
            Tip.objects.filter(pk=tip.pk).update(updated_at=timezone.now(), answered=False)
    except Exception:
        _unstore(stored)
        raise
    return message


def hotline_intake(
    *, user, caller_number: str, text: str, caller_name: str = ""
) -> tuple[Tip, str]:
    """Log a phone tip (新闻热线); return it and the receipt to read to the caller."""
    return tip_submit(
        text=text,
        channel=TipChannel.HOTLINE,
        contact_phone=caller_number,
        contact_name=caller_name,
        actor=user,
    )


def group_chat_import(*, user, export: str, gap_minutes: int = 30) -> list[Tip]:
    """Turn an exported group chat into tips, one per sender and event (see chatlog.py)."""
    try:
        chat_tips = chatlog.group_tips(chatlog.parse_messages(export), gap=gap_minutes)
    except chatlog.ChatLogError as exc:
        raise TipError(str(exc)) from exc
    tips = []
    for chat_tip in chat_tips:
        tip, _code = tip_submit(
            text=chat_tip.text[: settings.CHENBAO["TIP_MAX_TEXT_CHARS"]],
            channel=TipChannel.GROUP,
            contact_name=chat_tip.sender,
            actor=user,
        )
        tips.append(tip)
    return tips
