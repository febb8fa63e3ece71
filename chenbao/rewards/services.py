"""Writes to rewards: suggestion on publication, proposal, approval, payment."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from chenbao.core.services import audit_record
from chenbao.rewards.models import (
    MAX_YUAN,
    MIN_YUAN,
    SECOND_APPROVER_FROM,
    Payment,
    Reward,
    RewardStatus,
    RewardTier,
)
from chenbao.tips.models import Tip
from chenbao.tips.selectors import group_tips_ordered

DEFAULT_TIERS = [
    ("线索奖", 50),
    ("采用奖", 100),
    ("好线索", 200),
    ("独家奖", 500),
    ("重大独家", 1000),
]


class RewardError(ValueError):
    """A reward action that is not allowed (Chinese message for the desk)."""


@transaction.atomic
def reward_tiers_ensure_default() -> list[RewardTier]:
    """Create the default tiers (50/100/200/500/1000 元) when the policy is empty."""
    if not RewardTier.objects.exists():
        for i, (label, amount) in enumerate(DEFAULT_TIERS):
            RewardTier.objects.create(label=label, amount=amount, sort_order=i)
    return list(RewardTier.objects.all())


@transaction.atomic
def rewards_suggest_for_story(*, story) -> list[Reward]:
    """Put a reward before the desk for each tip group that led to the published `story`.

    In a group the desk has confirmed (one event), the reward goes to the group's earliest
    complete tip. A group the desk has not confirmed is only the system's guess, and it can
    join different events of the same place and day (docs/decisions/0012): the reward then
    goes to the earliest complete tip linked to the story itself, never to another reader
    whose tip merely looked alike.
    """
    created = []
    tips = list(Tip.objects.filter(story=story).select_related("group"))
    for group in {tip.group for tip in tips}:
        if Reward.objects.filter(group=group).exists():
            continue
        if group.confirmed:
            winner = group_tips_ordered(group)[0]
        else:
            linked = [t for t in tips if t.group_id == group.pk]
            winner = min(linked, key=lambda t: (not t.complete, t.created_at, t.pk))
        reward = Reward.objects.create(group=group, tip=winner, story=story)
        audit_record(
            actor=None,
            action="reward.suggest",
            obj=reward,
            detail={"story": story.pk, "group_confirmed": group.confirmed},
        )
        created.append(reward)
    return created


@transaction.atomic
def reward_propose(*, user, reward: Reward, amount: int) -> Reward:
    """Propose `amount` yuan (one of the policy's tiers) for `reward`."""
    reward = Reward.objects.select_for_update().get(pk=reward.pk)
    if reward.status not in {RewardStatus.SUGGESTED, RewardStatus.PROPOSED}:
        raise RewardError("这笔奖励已批准或已发放，不能再改金额。")
    if not (MIN_YUAN <= amount <= MAX_YUAN):
        raise RewardError(f"奖励金额须在 {MIN_YUAN} 到 {MAX_YUAN} 元之间。")
    if not RewardTier.objects.filter(amount=amount).exists():
        raise RewardError("请选择奖励档次中的金额。")
    reward.amount = amount
    reward.status = RewardStatus.PROPOSED
    reward.proposed_by = user
    reward.proposed_at = timezone.now()
    reward.save()
    audit_record(actor=user, action="reward.propose", obj=reward, detail={"amount": amount})
    return reward


@transaction.atomic
def reward_approve(*, user, reward: Reward) -> Reward:
    """Approve a proposed reward; 500 元 or more needs someone other than the proposer."""
    reward = Reward.objects.select_for_update().get(pk=reward.pk)
    if reward.status != RewardStatus.PROPOSED:
        raise RewardError("只有已提议的奖励可以批准。")
    # The reward_amount_once_proposed constraint: a proposed reward has its amount.
    assert reward.amount is not None
    if reward.amount >= SECOND_APPROVER_FROM and reward.proposed_by_id == user.pk:
        raise RewardError(f"{SECOND_APPROVER_FROM} 元及以上的奖励须由提议人以外的人批准。")
    reward.status = RewardStatus.APPROVED
    reward.approved_by = user
    reward.approved_at = timezone.now()
    reward.save()
    audit_record(actor=user, action="reward.approve", obj=reward, detail={"amount": reward.amount})
    return reward


@transaction.atomic
def reward_decline(*, user, reward: Reward) -> Reward:
    reward = Reward.objects.select_for_update().get(pk=reward.pk)
    if reward.status in {RewardStatus.PAID}:
        raise RewardError("已发放的奖励不能撤销。")
    reward.status = RewardStatus.DECLINED
    reward.save(update_fields=["status"])
    audit_record(actor=user, action="reward.decline", obj=reward)
    return reward


def payment_record(
    *, user, reward: Reward, method: str, reference: str, idempotency_key: str
) -> Payment:
    """Record that an approved reward was paid; the same request twice pays once.

    A second call with the same idempotency key returns the first payment; any other second
    payment of the reward is refused (the reward row is locked, and the database's unique
    constraints stop what the lock cannot, e.g. on SQLite).
    """
    try:
        with transaction.atomic():
            locked = Reward.objects.select_for_update().get(pk=reward.pk)
            existing = Payment.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                if existing.reward_id != locked.pk:
                    raise RewardError("这个请求编号已用于另一笔奖励。")
                return existing
            if locked.status == RewardStatus.PAID:
                raise RewardError("这笔奖励已经发放过了。")
            if locked.status != RewardStatus.APPROVED:
                raise RewardError("奖励批准后才能发放。")
            if method not in Payment.Method.values:
                raise RewardError("请选择发放方式。")
            # The reward_amount_once_proposed constraint: an approved reward has its amount.
            assert locked.amount is not None
            payment = Payment.objects.create(
                reward=locked,
                idempotency_key=idempotency_key,
                amount=locked.amount,
                method=method,
                reference=reference.strip()[:80],
                paid_by=user,
            )
            Reward.objects.filter(pk=locked.pk).update(status=RewardStatus.PAID)
            audit_record(
                actor=user,
                action="reward.pay",
                obj=locked,
                detail={"amount": locked.amount, "method": method, "payment": payment.pk},
            )
            return payment
    except IntegrityError as exc:
        existing = Payment.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None and existing.reward_id == reward.pk:
            return existing
        raise RewardError("这笔奖励已经发放过了。") from exc
