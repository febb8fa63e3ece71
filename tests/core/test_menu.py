"""Admin menu items are shown only to the users who may use what they open."""

import pytest
from django.test import RequestFactory

from chenbao.core.access import Action
from chenbao.core.menu import ActionMenuItem
from chenbao.core.roles import AD_DESK, FINANCE, REPORTER


def shown(item, user) -> bool:
    request = RequestFactory().get("/admin/")
    request.user = user
    return item.is_shown(request)


@pytest.mark.django_db
def test_an_item_is_shown_to_a_user_allowed_any_of_its_actions(make_user):
    item = ActionMenuItem(
        "广告收入", "/admin/ads/revenue/", actions=(Action.AD_REVENUE, Action.AD_BOOKING)
    )
    assert shown(item, make_user("ads", AD_DESK)) and shown(item, make_user("money", FINANCE))
    assert not shown(item, make_user("reporter", REPORTER))


@pytest.mark.django_db
def test_an_item_with_no_actions_is_shown_to_nobody(make_user):
    assert not shown(ActionMenuItem("x", "/admin/x/", actions=()), make_user("money", FINANCE))
