"""Reads of tips. `access_tip` is the only way newsroom code reaches a tip."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
)
from django.http import Http404
from django.utils import timezone

from chenbao.core.access import Action, may
from chenbao.tips import crypto, receipts
from chenbao.tips.models import Tip, TipFile, TipMessage, TipStatus


def tips_visible_to(user) -> QuerySet[Tip]:
    """Return the tips `user` may see: all for the desk, the assigned ones for a reporter."""
    if may(user, Action.TIP_DESK):
        return Tip.objects.all()
    if may(user, Action.TIP_ASSIGNED):
        return Tip.objects.filter(assigned_to=user)
    raise PermissionDenied


def access_tip(user, tip_id: int) -> Tip:
    """Return tip `tip_id` if `user` may see it; 404 when they may not (no hint it exists)."""
    try:
        return tips_visible_to(user).select_related("group", "assigned_to", "story").get(pk=tip_id)
    except (Tip.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("no such tip") from exc


# Tips the desk still owes an answer or a decision (not yet used, dropped, merged or spam).
OPEN_STATUSES = (TipStatus.NEW, TipStatus.TRIAGED, TipStatus.ASSIGNED, TipStatus.VERIFYING)


def _awaiting_desk() -> Q:
    """Open tips the desk has not answered: no reply yet, or the tipster wrote since."""
    return Q(status__in=OPEN_STATUSES, answered=False)


def desk_counts(user, *, now=None) -> dict[str, int]:
    """The tip desk's dashboard in one query: new tips, tips awaiting an answer, and new
    tips nobody has looked at for TIP_OVERDUE_HOURS (超时未看)."""
    now = now or timezone.now()
    overdue_before = now - dt.timedelta(hours=settings.CHENBAO["TIP_OVERDUE_HOURS"])
    new = Q(status=TipStatus.NEW)
    return tips_visible_to(user).aggregate(
        new=Count("pk", filter=new),
        unanswered=Count("pk", filter=_awaiting_desk()),
        overdue=Count("pk", filter=new & Q(created_at__lt=overdue_before)),
    )


def tip_inbox(
    user,
    *,
    status: str = "",
    channel: str = "",
    assigned: str = "",
    q: str = "",
    awaiting: str = "",
    overdue: str = "",
    now=None,
):
    """Return the inbox for `user`, filtered; newest first.

    Each row carries `has_files` and `awaiting` (the desk owes an answer) from subqueries,
    so a page of the inbox is the same few queries for 10 tips or 50,000.
    """
    qs = (
        tips_visible_to(user)
        .select_related("assigned_to", "group")
        .annotate(
            has_files=Exists(TipFile.objects.filter(tip=OuterRef("pk"))),
        )
        .annotate(awaiting=ExpressionWrapper(_awaiting_desk(), output_field=BooleanField()))
        .defer("minhash", "lsh_keys", "receipt_hash")
    )
    if status:
        qs = qs.filter(status=status)
    if channel:
        qs = qs.filter(channel=channel)
    if assigned == "none":
        qs = qs.filter(assigned_to__isnull=True)
    elif assigned == "me":
        qs = qs.filter(assigned_to=user)
    if awaiting:
        qs = qs.filter(_awaiting_desk())
    if overdue:
        hours = settings.CHENBAO["TIP_OVERDUE_HOURS"]
        before = (now or timezone.now()) - dt.timedelta(hours=hours)
        qs = qs.filter(status=TipStatus.NEW, created_at__lt=before)
    if q:
        said = TipMessage.objects.filter(tip=OuterRef("pk"), text__icontains=q)
        query: Q = Q(text__icontains=q) | Q(Exists(said))
        if q.isdigit():
            query |= Q(pk=int(q))
        qs = qs.filter(query)
    return qs


def tip_by_receipt(raw: str) -> Tip | None:
    """Return the tip whose receipt is `raw`, or None. Takes the same time either way."""
    code = receipts.receipt_normalise(raw)
    cost = settings.CHENBAO["TIP_ARGON2"]
    if code is None:
        receipts.receipt_verify(_dummy(cost), "1" * receipts.RECEIPT_DIGITS)
        return None
    index = receipts.receipt_index(code, crypto.index_key())
    candidates = list(Tip.objects.filter(receipt_index=index).only("id", "receipt_hash"))
    if not candidates:
        receipts.receipt_verify(_dummy(cost), code)
        return None
    for candidate in candidates:
        if receipts.receipt_verify(candidate.receipt_hash, code):
            return Tip.objects.select_related("group").get(pk=candidate.pk)
    return None


_DUMMY: dict[tuple[int, int], str] = {}


def _dummy(cost: tuple[int, int]) -> str:
    if cost not in _DUMMY:
        _DUMMY[cost] = receipts.dummy_hash(cost)
    return _DUMMY[cost]


def group_tips_ordered(group) -> list[Tip]:
    """Return a group's tips, the earliest complete one first (the one a reward goes to)."""
    return sorted(group.tips.all(), key=lambda t: (not t.complete, t.created_at, t.pk))


def tip_reward(tip):
    """Return the reward of the tip's group if the reader may see it (approved or paid)."""
    from chenbao.rewards.models import Reward

    return (
        Reward.objects.filter(group_id=tip.group_id, tip=tip, status__in=["approved", "paid"])
        .order_by("-id")
        .first()
    )
