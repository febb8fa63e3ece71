"""Rewards in the admin: the desk proposes and approves, finance pays, the month's report."""

import csv
import io

import pytest
from django.test import Client

from chenbao.rewards.models import Reward
from chenbao.tips.services import tip_link_story

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_propose_approve_pay_and_report(tip, draft_story, desk, finance):
    tip_link_story(user=desk, tip=tip, story=draft_story)
    draft_story.save_revision().publish()
    reward = Reward.objects.get()
    desk_client, cash = login(desk), login(finance)
    assert "待提议" in desk_client.get("/admin/rewards/").content.decode()
    desk_client.post(f"/admin/rewards/{reward.pk}/act/", {"action": "propose", "amount": "200"})
    # finance may not approve; the desk may (under 500 the proposer can approve)
    cash.post(f"/admin/rewards/{reward.pk}/act/", {"action": "approve"})
    assert Reward.objects.get().status == "proposed"
    desk_client.post(f"/admin/rewards/{reward.pk}/act/", {"action": "approve"})
    pay = {
        "action": "pay",
        "method": "wechat",
        "reference": "WX-2026-001",
        "idempotency_key": "abc",
    }
    desk_client.post(f"/admin/rewards/{reward.pk}/act/", pay)  # the desk cannot pay
    assert Reward.objects.get().status == "approved"
    cash.post(f"/admin/rewards/{reward.pk}/act/", pay)
    cash.post(f"/admin/rewards/{reward.pk}/act/", pay)  # a double click pays once
    reward = Reward.objects.get()
    assert reward.status == "paid" and reward.payment.reference == "WX-2026-001"
    page = cash.get("/admin/rewards/report/").content.decode()
    assert "200" in page and "WX-2026-001" in page
    response = cash.get("/admin/rewards/report/", {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "类别"
    assert [r[0] for r in rows[1:]] == ["批准", "发放", "合计批准", "合计发放"]
    assert rows[-1][3] == "200" and rows[-2][3] == "200"


def test_reader_sees_the_reward_once_approved(tip, draft_story, desk):
    from chenbao.rewards.services import reward_approve, reward_propose
    from chenbao.tips.views import chat  # noqa: F401  (the page the reader opens)

    tip_link_story(user=desk, tip=tip, story=draft_story)
    draft_story.save_revision().publish()
    reward = reward_propose(user=desk, reward=Reward.objects.get(), amount=100)
    from chenbao.tips.selectors import tip_reward

    assert tip_reward(tip) is None  # proposed is not yet the reader's business
    reward_approve(user=desk, reward=reward)
    assert tip_reward(tip).amount == 100
