"""Reads of rewards: the desk's list and the monthly report (月度奖励报表)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone

from chenbao.rewards.models import Payment, Reward, RewardTier


def tiers() -> list[RewardTier]:
    return list(RewardTier.objects.all())


def rewards_open():
    """Rewards waiting for the desk: suggested, proposed or approved but not paid."""
    return Reward.objects.filter(status__in=["suggested", "proposed", "approved"]).select_related(
        "tip", "group", "story", "proposed_by", "approved_by"
    )


@dataclass
class MonthReport:
    year: int
    month: int
    granted: list[Reward]
    paid: list[Payment]
    granted_total: int
    paid_total: int


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, month, 1, tzinfo=tz)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


def month_report(*, year: int, month: int) -> MonthReport:
    """Return rewards approved (granted) and payments made in the month, local time."""
    start, end = month_bounds(year, month)
    granted = Reward.objects.filter(approved_at__gte=start, approved_at__lt=end).select_related(
        "approved_by", "proposed_by", "story"
    )
    paid = Payment.objects.filter(paid_at__gte=start, paid_at__lt=end).select_related(
        "reward", "paid_by"
    )
    return MonthReport(
        year=year,
        month=month,
        granted=list(granted.order_by("approved_at")),
        paid=list(paid.order_by("paid_at")),
        granted_total=granted.aggregate(s=Sum("amount"))["s"] or 0,
        paid_total=paid.aggregate(s=Sum("amount"))["s"] or 0,
    )
