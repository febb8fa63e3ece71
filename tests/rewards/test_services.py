"""Rewards: suggested on publication, proposed from the tiers, approved, paid exactly once."""

import pytest
from django.db import IntegrityError, transaction

from chenbao.core.models import AuditEntry
from chenbao.rewards.models import Payment, Reward, RewardTier
from chenbao.rewards.services import (
    RewardError,
    payment_record,
    reward_approve,
    reward_propose,
)
from chenbao.tips.selectors import tip_reward
from chenbao.tips.services import tip_link_story, tip_submit

pytestmark = pytest.mark.django_db


def publish(story):
    story.save_revision().publish()


def test_default_tiers_are_50_to_1000():
    # The migration creates them; a transactional test elsewhere may have flushed the table.
    from chenbao.rewards.services import reward_tiers_ensure_default

    reward_tiers_ensure_default()
    assert list(RewardTier.objects.values_list("amount", flat=True)) == [50, 100, 200, 500, 1000]


def test_proposal_must_be_a_tier_and_large_rewards_need_a_second_person(
    tip, draft_story, desk, desk2
):
    tip_link_story(user=desk, tip=tip, story=draft_story)
    publish(draft_story)
    reward = Reward.objects.get()
    with pytest.raises(RewardError, match="奖励档次"):
        reward_propose(user=desk, reward=reward, amount=300)
    with pytest.raises(RewardError, match="50 到 1000"):
        reward_propose(user=desk, reward=reward, amount=2000)
    reward_propose(user=desk, reward=reward, amount=500)
    with pytest.raises(RewardError, match="提议人以外"):
        reward_approve(user=desk, reward=reward)
    # The database says the same, whatever code path tries.
    with pytest.raises(IntegrityError), transaction.atomic():
        Reward.objects.filter(pk=reward.pk).update(approved_by=desk, status="approved")
    reward = reward_approve(user=desk2, reward=reward)
    assert reward.status == "approved" and reward.approved_by == desk2
    assert AuditEntry.objects.filter(action="reward.approve", actor=desk2).exists()


@pytest.fixture
def approved(tip, draft_story, desk):
    tip_link_story(user=desk, tip=tip, story=draft_story)
    publish(draft_story)
    reward = reward_propose(user=desk, reward=Reward.objects.get(), amount=200)
    return reward_approve(user=desk, reward=reward)  # under 500: the proposer may approve


def test_paying_twice_is_impossible(approved, finance, tip):
    first = payment_record(
        user=finance, reward=approved, method="wechat", reference="WX1", idempotency_key="k1"
    )
    again = payment_record(
        user=finance, reward=approved, method="wechat", reference="WX1", idempotency_key="k1"
    )
    assert again.pk == first.pk
    with pytest.raises(RewardError, match="已经发放"):
        payment_record(
            user=finance, reward=approved, method="cash", reference="", idempotency_key="k2"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.bulk_create(
            [
                Payment(
                    reward=approved,
                    idempotency_key="k3",
                    amount=200,
                    method="cash",
                    paid_by=finance,
                )
            ]
        )
    assert Payment.objects.count() == 1
    assert tip_reward(tip).status == "paid"
    with pytest.raises(ValueError, match="append-only"):
        first.save()
    with pytest.raises(ValueError, match="append-only"):
        first.delete()
    assert AuditEntry.objects.filter(action="reward.pay", actor=finance).count() == 1


def test_an_unconfirmed_group_rewards_the_story_s_own_tip_not_an_earlier_look_alike(
    tip, draft_story, desk
):
    """The system grouped a different reader's tip with the story's (same place, same day):
    until the desk confirms the group, the reward goes to the tip the story came from."""
    later, _ = tip_submit(text="今早东风路柳泉路路口两辆车撞了，有一人受伤，交警正在现场处理。")
    assert later.group_id == tip.group_id and not later.group.confirmed
    tip_link_story(user=desk, tip=later, story=draft_story)  # the story came from `later`
    publish(draft_story)
    reward = Reward.objects.get()
    assert reward.tip == later  # not the group's earliest tip
    entry = AuditEntry.objects.get(action="reward.suggest")
    assert entry.detail["group_confirmed"] is False


def test_a_confirmed_group_rewards_its_earliest_complete_tip(tip, draft_story, desk):
    from chenbao.tips.services import tip_group_confirm

    later, _ = tip_submit(text="今早东风路柳泉路路口两辆车撞了，有一人受伤，交警正在现场处理。")
    tip_group_confirm(user=desk, group=later.group)
    tip_link_story(user=desk, tip=later, story=draft_story)
    publish(draft_story)
    assert Reward.objects.get().tip == tip


def test_the_reward_list_shows_the_grouping_state(tip, draft_story, desk, client):
    tip_link_story(user=desk, tip=tip, story=draft_story)
    publish(draft_story)
    client.force_login(desk)
    html = client.get("/admin/rewards/").content.decode()
    assert "系统推测，未经编辑确认" in html
