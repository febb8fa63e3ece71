"""Reads of rewards: the desk's open list and the monthly report, in local time."""

import datetime as dt

import pytest
from django.utils import timezone

from chenbao.rewards.models import Payment, Reward
from chenbao.rewards.selectors import month_bounds, month_report, rewards_open, tiers
from chenbao.rewards.services import (
    payment_record,
    reward_approve,
    reward_propose,
    reward_tiers_ensure_default,
)
from chenbao.tips.services import tip_link_story, tip_submit

pytestmark = pytest.mark.django_db


def local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def approved(tip, draft_story, desk):
    tip_link_story(user=desk, tip=tip, story=draft_story)
    draft_story.save_revision().publish()
    reward = reward_propose(user=desk, reward=Reward.objects.get(), amount=200)
    return reward_approve(user=desk, reward=reward)


def another_reward(desk, text: str, amount: int) -> Reward:
    other = tip_submit(text=text, contact_phone="13905339876")[0]
    reward = Reward.objects.create(group=other.group, tip=other)
    return reward_approve(user=desk, reward=reward_propose(user=desk, reward=reward, amount=amount))


def test_a_month_runs_from_its_first_midnight_to_the_next_months_in_local_time():
    assert month_bounds(2022, 11) == (local(2022, 11, 1), local(2022, 12, 1))
    assert month_bounds(2022, 12) == (local(2022, 12, 1), local(2023, 1, 1))


def test_tiers_come_in_the_policys_order():
    reward_tiers_ensure_default()
    assert [tier.amount for tier in tiers()] == [50, 100, 200, 500, 1000]


def test_the_open_list_holds_rewards_until_they_are_paid_or_declined(approved, finance):
    assert list(rewards_open()) == [approved]
    payment_record(user=finance, reward=approved, method="cash", reference="", idempotency_key="k")
    assert not rewards_open().exists()
    Reward.objects.filter(pk=approved.pk).update(status="declined")
    assert not rewards_open().exists()


def test_the_report_counts_rewards_approved_and_payments_made_in_the_month(
    approved, desk, desk2, finance
):
    later = another_reward(
        desk2, "张店区华光路一小区地下车库进水，几十辆车被淹，物业无人处理。", 100
    )
    Reward.objects.filter(pk=approved.pk).update(approved_at=local(2022, 12, 31, 23, 59))
    Reward.objects.filter(pk=later.pk).update(approved_at=local(2023, 1, 1, 0, 0))
    payment_record(user=finance, reward=approved, method="cash", reference="", idempotency_key="k")
    Payment.objects.filter(reward=approved).update(paid_at=local(2023, 1, 2, 9, 0))

    december = month_report(year=2022, month=12)
    assert december.granted == [approved] and december.granted_total == 200
    assert december.paid == [] and december.paid_total == 0

    january = month_report(year=2023, month=1)
    assert january.granted == [later] and january.granted_total == 100
    assert [p.reward for p in january.paid] == [approved] and january.paid_total == 200


def test_an_empty_month_totals_zero():
    report = month_report(year=2021, month=2)
    assert (report.granted, report.paid, report.granted_total, report.paid_total) == ([], [], 0, 0)
