"""Retention: tips never used are deleted for good after the set days; the rest are kept."""

import datetime as dt

import pytest
from django.utils import timezone

from chenbao.core.models import AuditEntry
from chenbao.rewards.models import Reward
from chenbao.tips.models import Tip, TipGroup
from chenbao.tips.services import tips_purge

pytestmark = pytest.mark.django_db

TEXTS = [
    "东风路与柳泉路交叉口今早两车相撞，一人受伤，交警已在现场处置。",
    "人民公园的菊花展今天开幕，展出三百多个品种，免费参观。",
    "华光路的路灯坏了一排，晚上很黑，走路不安全。",
    "体育场旁边夜市每天吵到半夜，周围住户没法睡觉。",
]


def aged(submit, text: str, status: str, days: int) -> Tip:
    tip, _ = submit(text=text)
    Tip.objects.filter(pk=tip.pk).update(
        status=status, updated_at=timezone.now() - dt.timedelta(days=days)
    )
    return tip


def test_only_unused_tips_older_than_the_days_are_deleted(submit):
    old_spam = aged(submit, TEXTS[0], "spam", 40)
    old_used = aged(submit, TEXTS[1], "used", 40)
    old_followed = aged(submit, TEXTS[2], "verifying", 40)
    recent = aged(submit, TEXTS[3], "not_used", 10)
    assert tips_purge(days=30) == {"tips": 1, "files": 0}
    assert set(Tip.objects.values_list("pk", flat=True)) == {
        old_used.pk,
        old_followed.pk,
        recent.pk,
    }
    assert not TipGroup.objects.filter(pk=old_spam.group_id).exists()


def test_a_tip_whose_group_has_a_reward_is_kept(submit):
    tip = aged(submit, TEXTS[0], "not_used", 400)
    Reward.objects.create(group=tip.group, tip=tip)
    assert tips_purge(days=30)["tips"] == 0
    assert Tip.objects.filter(pk=tip.pk).exists()


def test_a_group_keeps_living_while_another_of_its_tips_remains(submit):
    old = aged(submit, TEXTS[0], "new", 40)
    twin, _ = submit(text="今早东风路柳泉路路口两辆车撞了，有一人受伤，交警正在现场处理。")
    assert twin.group_id == old.group_id
    tips_purge(days=30)
    assert not Tip.objects.filter(pk=old.pk).exists()
    assert TipGroup.objects.filter(pk=twin.group_id).exists()


def test_the_days_default_to_the_setting_and_now_may_be_given(submit, settings):
    settings.CHENBAO = {**settings.CHENBAO, "TIP_RETENTION_DAYS": 5}
    aged(submit, TEXTS[0], "new", 3)
    assert tips_purge()["tips"] == 0
    assert tips_purge(now=timezone.now() + dt.timedelta(days=3))["tips"] == 1


def test_each_purge_is_audited_with_its_count_only(submit):
    aged(submit, TEXTS[0], "new", 400)
    tips_purge(days=30)
    tips_purge(days=30)
    entries = AuditEntry.objects.filter(action="tip.purge").order_by("pk")
    assert [e.detail for e in entries] == [{"tips": 1}, {"tips": 0}]
    assert all(e.actor is None and e.object_id == "purge" for e in entries)
