"""Rewards for used tips (爆料奖励): tiers, one reward per tip group, an append-only ledger."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from chenbao.core.fields import story_link

MIN_YUAN = 50
MAX_YUAN = 1000
SECOND_APPROVER_FROM = 500  # amounts from here need an approver who is not the proposer


class RewardTier(models.Model):
    """One step of the reward policy (奖励档次), e.g. 200 元 for a story on an inside page."""

    label = models.CharField(_("档次"), max_length=40)
    amount = models.PositiveIntegerField(_("金额（元）"))
    description = models.CharField(_("说明"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("奖励档次")
        verbose_name_plural = _("奖励档次")
        ordering = ["sort_order", "amount"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=MIN_YUAN) & Q(amount__lte=MAX_YUAN),
                name="reward_tier_amount_50_1000",
            ),
            models.UniqueConstraint(fields=["amount"], name="reward_tier_amount_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.label}（{self.amount} 元）"


class RewardStatus(models.TextChoices):
    SUGGESTED = "suggested", _("待提议")
    PROPOSED = "proposed", _("已提议")
    APPROVED = "approved", _("已批准")
    PAID = "paid", _("已发放")
    DECLINED = "declined", _("不发放")


class Reward(models.Model):
    """The reward for one event's tips (one per tip group), paid to the earliest complete tip."""

    group = models.ForeignKey(
        "tips.TipGroup",
        verbose_name=_("爆料分组"),
        on_delete=models.PROTECT,
        related_name="rewards",
    )
    tip = models.ForeignKey(
        "tips.Tip", verbose_name=_("获奖爆料"), on_delete=models.PROTECT, related_name="rewards"
    )
    story = story_link(_("见报稿件"))
    status = models.CharField(
        _("状态"), max_length=12, choices=RewardStatus.choices, default=RewardStatus.SUGGESTED
    )
    amount = models.PositiveIntegerField(_("金额（元）"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("爆料奖励")
        verbose_name_plural = _("爆料奖励")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["group"], name="reward_one_per_tip_group"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True)
                | (Q(amount__gte=MIN_YUAN) & Q(amount__lte=MAX_YUAN)),
                name="reward_amount_50_1000",
            ),
            models.CheckConstraint(
                condition=Q(amount__lt=SECOND_APPROVER_FROM)
                | Q(amount__isnull=True)
                | Q(approved_by__isnull=True)
                | ~Q(approved_by=F("proposed_by")),
                name="reward_large_needs_second_approver",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["suggested", "declined"]) | Q(amount__isnull=False),
                name="reward_amount_once_proposed",
            ),
        ]

    def __str__(self) -> str:
        return f"奖励 #{self.pk}"


class Payment(models.Model):
    """One payout (发放记录). Append-only: rows are never changed or deleted."""

    class Method(models.TextChoices):
        WECHAT = "wechat", _("微信转账")
        ALIPAY = "alipay", _("支付宝")
        BANK = "bank", _("银行转账")
        CASH = "cash", _("现金")

    reward = models.OneToOneField(
        Reward, verbose_name=_("奖励"), on_delete=models.PROTECT, related_name="payment"
    )
    idempotency_key = models.CharField(max_length=64, unique=True)
    amount = models.PositiveIntegerField(_("金额（元）"))
    method = models.CharField(_("方式"), max_length=12, choices=Method.choices)
    reference = models.CharField(_("凭证号"), max_length=80, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    paid_at = models.DateTimeField(_("发放时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("发放记录")
        verbose_name_plural = _("发放记录")
        ordering = ["-paid_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=MIN_YUAN) & Q(amount__lte=MAX_YUAN),
                name="payment_amount_50_1000",
            )
        ]

    def __str__(self) -> str:
        return f"发放 #{self.pk}（{self.amount} 元）"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("payments are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("payments are append-only")
