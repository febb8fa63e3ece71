"""Writes to the tip-line: every change to a tip goes through here.

Nothing here logs a tip's text or a tipster's contact. Status changes, contact reveals,
assignment and story links write the audit log.
"""

import datetime as dt
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from chenbao.core.access import Action, require
from chenbao.core.services import audit_record
from chenbao.tips import chatlog, crypto, lsh, media, receipts, similarity, storage
from chenbao.tips import uploads as tip_uploads
from chenbao.tips.models import (
    TRANSITIONS,
    Tip,
    TipChannel,
    TipContact,
    TipFile,
    TipGroup,
    TipMessage,
    TipNote,
    TipStatus,
)

COMPLETE_MIN_CHARS = 30  # "complete": says enough about what, where and when
MAX_CONTACT_CHARS = 40
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{4,19}$")


class TipError(ValueError):
    """Input chenbao refuses; the message is Chinese and safe to show the reader."""


@dataclass(frozen=True)
class Upload:
    """A file as received: the reader's file name is kept only to report errors."""

    data: bytes


def _clean_text(text: str, *, field: str = "内容") -> str:
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


class _RecentSignatures:
    """This process's index of the recent tips' signatures, refreshed incrementally.

    Each submission reads, in one query, only the tips added since the last one (usually
    none or a few) together with the newest tip it already holds. The tips' LSH band keys
    (stored with each tip) go into a `lsh.BandIndex`, so finding similar tips compares the
    new signature only with the tips sharing a band key, not with the whole window
    (docs/decisions/0018-tip-lsh-bands.md). Every process builds the same index from the
    same rows, so they group alike.
    """

    # A key shared by more tips than PER_KEY (a burst's own retellings, a phrase every tip
    # uses) is read for that many; of the tips found, the CANDIDATES sharing the most keys
    # (the likeliest to be similar) are compared exactly. Both bound the lookup's cost
    # whatever the window holds; measured in docs/decisions/0018-tip-lsh-bands.md.
    PER_KEY = 3
    CANDIDATES = 32

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.last_id = 0
        self.last_created: dt.datetime | None = None
        self.rows: dict[int, tuple[dt.datetime, int]] = {}  # tip id -> (created, packed)
        self.oldest: dt.datetime | None = None  # the oldest tip held: prune only past it
        self.index = lsh.BandIndex()

    def refresh(self, since: dt.datetime) -> None:
        # The first time only the window's tips, not every tip the paper ever had.
        tips = (
            Tip.objects.filter(pk__gte=self.last_id)
            if self.last_id
            else Tip.objects.filter(created_at__gte=since)
        )
        rows = list(
            tips.order_by("pk").values_list("pk", "created_at", "status", "minhash", "lsh_keys")
        )
        if self.last_id and (not rows or rows[0][:2] != (self.last_id, self.last_created)):
            # The newest tip held here is gone or is another row now (a rolled-back test, a
            # restored backup): start again from the database.
            self.clear()
            return self.refresh(since)
        for pk, created, status, sig, keys in rows:
            if pk == self.last_id:
                continue
            if status != TipStatus.SPAM and created >= since and len(sig) == similarity.NUM_PERM:
                self.rows[pk] = (created, similarity.pack(sig))
                self.index.add(pk, lsh.keys_from_bytes(bytes(keys)) or lsh.band_keys(sig))
                self.oldest = created if self.oldest is None else min(self.oldest, created)
            self.last_id, self.last_created = pk, created
        if self.oldest is not None and self.oldest < since:  # a tip left the window
            self.rows = {pk: v for pk, v in self.rows.items() if v[0] >= since}
            self.oldest = min((c for c, _ in self.rows.values()), default=None)
        if self.index.entries > 2 * len(lsh.BANDS) * (len(self.rows) + 1000):
            self.clear()  # mostly tips gone from the window: build the index again
            return self.refresh(since)

    def similar(self, packed: int, keys: list[int], threshold: float) -> list[int]:
        """Return the held tips at or above `threshold`, most similar (then newest) first."""
        scored = []
        shared = self.index.shared(keys, per_key=self.PER_KEY)
        for pk, _count in shared.most_common(self.CANDIDATES):
            row = self.rows.get(pk)
            if row is not None:
                score = similarity.estimate_packed(packed, row[1])
                if score >= threshold:
                    scored.append((score, pk))
        return [pk for _score, pk in sorted(scored, reverse=True)]


_recent = _RecentSignatures()
# A threaded web worker (deploy/gunicorn.conf.py: gthread) takes several submissions at once:
# one thread at a time refreshes and reads the index, or two refreshes would each see the
# other's newest tip as "gone" and start the index again from the database.
_recent_lock = threading.Lock()


def _similar_tips(sig: list[int], keys: list[int]) -> list[int]:
    """Return the recent tips above the threshold, most similar first (their ids)."""
    since = timezone.now() - dt.timedelta(days=settings.CHENBAO["TIP_DUPLICATE_WINDOW_DAYS"])
    threshold = settings.CHENBAO["TIP_DUPLICATE_THRESHOLD"]
    with _recent_lock:
        _recent.refresh(since)
        return _recent.similar(similarity.pack(sig), keys, threshold)[:8]


def recent_index_warm() -> int:
    """Build this process's index of the window's tips now, before it takes requests; return
    how many tips it holds. Called as a web worker starts (chenbao/wsgi.py): with 50,000 tips
    held the build takes seconds, which a reader's submission should not wait for."""
    since = timezone.now() - dt.timedelta(days=settings.CHENBAO["TIP_DUPLICATE_WINDOW_DAYS"])
    with _recent_lock:
        _recent.refresh(since)
        return len(_recent.rows)


def _group_of(similar_tips: list[int]) -> int | None:
    """Return the group of the first of `similar_tips` still a tip and not spam, if any."""
    if not similar_tips:
        return None
    groups = dict(
        Tip.objects.filter(pk__in=similar_tips)
        .exclude(status=TipStatus.SPAM)
        .values_list("pk", "group_id")
    )
    return next((groups[pk] for pk in similar_tips if pk in groups), None)


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
    text = _clean_text(text)
    phone, wechat, name = _clean_contact(contact_phone, contact_wechat, contact_name)
    cleaned = _clean_files(list(uploads))
    code = receipts.receipt_new()
    receipt_hash = receipts.receipt_hash(code, settings.CHENBAO["TIP_ARGON2"])
    index = receipts.receipt_index(code, crypto.index_key())
    sig = similarity.signature(text)
    keys = lsh.band_keys(sig)
    similar_tips = _similar_tips(sig, keys)
    contact = (crypto.encrypt(phone), crypto.encrypt(wechat), crypto.encrypt(name))
    stored = _store_files(cleaned)
    try:
        with transaction.atomic():
            group_id = _group_of(similar_tips) or TipGroup.objects.create().pk
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
    text = _clean_text(text) if (text or "").strip() else ""
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


@transaction.atomic
def tip_reply(*, user, tip: Tip, text: str) -> TipMessage:
    """Send the desk's reply to the tipster's chat.

    A reply to a new tip shows the desk has read it: the tip moves on to 已初筛, so the
    reader sees 编辑已查看 and the inbox stops counting it as new.
    """
    message = TipMessage.objects.create(
        tip=tip, sender=TipMessage.Sender.DESK, author=user, text=_clean_text(text, field="回复")
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
    return TipNote.objects.create(tip=tip, author=user, text=_clean_text(text, field="备注"))


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


@transaction.atomic
def tip_group_confirm(*, user, group: TipGroup) -> TipGroup:
    """Confirm that the tips of `group` are about one event."""
    group.confirmed = True
    group.save(update_fields=["confirmed"])
    audit_record(actor=user, action="tip.group_confirm", obj=group)
    return group


@transaction.atomic
def tip_group_split(*, user, tip: Tip) -> TipGroup:
    """Take `tip` out of its group into a group of its own."""
    old = tip.group_id
    group = TipGroup.objects.create(confirmed=True)
    tip.group = group
    tip.save(update_fields=["group", "updated_at"])
    if not Tip.objects.filter(group_id=old).exists():
        TipGroup.objects.filter(pk=old, rewards__isnull=True).delete()
    audit_record(
        actor=user, action="tip.group_split", obj=tip, detail={"from": old, "to": group.pk}
    )
    return group


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


def tips_purge(*, days: int | None = None, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete for good the tips never used whose last activity is older than `days`.

    Used tips, tips still being followed up, and tips whose group has a reward are kept.
    Return counts of deleted tips and files.
    """
    days = settings.CHENBAO["TIP_RETENTION_DAYS"] if days is None else days
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    expired = Tip.objects.filter(
        updated_at__lt=cutoff,
        status__in=["new", "triaged", "not_used", "duplicate", "spam"],
        group__rewards__isnull=True,
    )
    with transaction.atomic():
        ids = list(expired.values_list("pk", flat=True))
        names = list(TipFile.objects.filter(tip_id__in=ids).values_list("name", flat=True))
        group_ids = set(Tip.objects.filter(pk__in=ids).values_list("group_id", flat=True))
        Tip.objects.filter(pk__in=ids).delete()
        TipGroup.objects.filter(pk__in=group_ids, tips__isnull=True).delete()
        audit_record(
            actor=None,
            action="tip.purge",
            object_type="tips.tip",
            object_id="purge",
            detail={"tips": len(ids)},
        )
    for name in names:  # after commit: a file without a row is harmless, the reverse is not
        storage.remove(name)
    return {"tips": len(ids), "files": len(names)}


# --- key rotation (docs/tipline.md, "Rotating the key") ---
CONTACT_FIELDS = ("phone_enc", "wechat_enc", "name_enc")
_STATE_ORDER = (crypto.KeyState.CURRENT, crypto.KeyState.OLD, crypto.KeyState.UNREADABLE)


def _contact_key_state(contact: TipContact) -> crypto.KeyState:
    """Return the worst key state of the contact's fields (unreadable > old > current)."""
    states = [crypto.key_state(getattr(contact, field)) for field in CONTACT_FIELDS]
    return max(states, key=_STATE_ORDER.index)


def tip_contacts_key_status() -> dict[str, int]:
    """Count the contacts by the key they need ("current", "old", "unreadable"); change nothing."""
    crypto.check_config()
    counts = {state.value: 0 for state in _STATE_ORDER}
    for contact in TipContact.objects.only("id", *CONTACT_FIELDS).iterator(chunk_size=500):
        counts[_contact_key_state(contact).value] += 1
    return counts


def tip_contacts_rotate_key(*, batch_size: int = 500, actor=None) -> dict[str, int]:
    """Re-encrypt with the first key of CHENBAO_TIP_KEY every contact still on an older key.

    Works in batches of `batch_size` contacts, each batch in its own transaction with its rows
    locked: a batch is rewritten completely or not at all, and a stopped run is finished by
    running it again. Contacts already on the first key are left alone, so a second run
    changes nothing. Contacts no configured key opens are left unchanged and counted (a key is
    missing from the list). Writes one audit entry with the counts; returns
    {"rotated", "current", "unreadable"} (contacts).
    """
    crypto.check_config()
    counts = {"rotated": 0, "current": 0, "unreadable": 0}
    last_pk = 0
    while True:
        with transaction.atomic():
            batch = list(
                TipContact.objects.select_for_update()
                .filter(pk__gt=last_pk)
                .order_by("pk")
                .only("id", *CONTACT_FIELDS)[:batch_size]
            )
            if not batch:
                break
            last_pk = batch[-1].pk
            changed = []
            for contact in batch:
                state = _contact_key_state(contact)
                if state is crypto.KeyState.OLD:
                    for field in CONTACT_FIELDS:
                        token = getattr(contact, field)
                        if crypto.key_state(token) is crypto.KeyState.OLD:
                            setattr(contact, field, crypto.rotate(token))
                    changed.append(contact)
                    counts["rotated"] += 1
                else:
                    counts[state.value] += 1
            if changed:
                TipContact.objects.bulk_update(changed, CONTACT_FIELDS)
    audit_record(
        actor=actor,
        action="tip.contact_key_rotate",
        object_type="tips.tipcontact",
        object_id="key-rotation",
        detail={**counts, "keys": crypto.key_count()},
    )
    return counts
