"""Reward admin hooks: the reward desk's menu item, for the roles that may see rewards."""

import pytest
from django.test import RequestFactory

from chenbao.core.roles import AD_DESK, FINANCE, REPORTER, TIP_DESK
from chenbao.rewards.wagtail_hooks import register_rewards_menu


def shown(user) -> bool:
    request = RequestFactory().get("/admin/")
    request.user = user
    return register_rewards_menu().is_shown(request)


@pytest.mark.django_db
def test_the_tip_desk_and_finance_see_the_reward_desk(make_user):
    assert shown(make_user("desk", TIP_DESK)) and shown(make_user("cashier", FINANCE))


@pytest.mark.django_db
def test_reporters_and_the_ad_desk_do_not(make_user):
    assert not shown(make_user("reporter", REPORTER)) and not shown(make_user("ads", AD_DESK))


def test_the_menu_item_opens_the_reward_list():
    assert register_rewards_menu().url == "/admin/rewards/"
