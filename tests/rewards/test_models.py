"""Reward models: the policy's tiers, rewards and payments, and what the database refuses."""

import pytest
from django.db import IntegrityError, transaction

from chenbao.rewards.models import Payment, Reward, RewardTier

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("amount", [49, 1001, 0])
def test_database_refuses_a_tier_outside_50_1000(amount):
    with pytest.raises(IntegrityError), transaction.atomic():
        RewardTier.objects.create(label="x", amount=amount)


def test_two_tiers_of_the_same_amount_are_refused():
    RewardTier.objects.get_or_create(amount=200, defaults={"label": "内版"})
    with pytest.raises(IntegrityError), transaction.atomic():
        RewardTier.objects.create(label="又一个", amount=200)


def test_a_proposed_reward_must_have_an_amount(tip):
    reward = Reward.objects.create(group=tip.group, tip=tip)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reward.objects.filter(pk=reward.pk).update(status="proposed")
    with pytest.raises(IntegrityError), transaction.atomic():
        Reward.objects.filter(pk=reward.pk).update(status="proposed", amount=1001)
    Reward.objects.filter(pk=reward.pk).update(status="declined")  # no amount needed


def test_tiers_rewards_and_payments_read_as_the_desk_names_them():
    assert str(RewardTier(label="头版", amount=1000)) == "头版（1000 元）"
    assert str(Reward(pk=7)) == "奖励 #7"
    assert str(Payment(pk=3, amount=200)) == "发放 #3（200 元）"


def test_a_payment_is_never_changed_once_stored_nor_deleted():
    payment = Payment(pk=3, amount=200)
    with pytest.raises(ValueError, match="append-only"):
        payment.save()
    with pytest.raises(ValueError, match="append-only"):
        payment.delete()
