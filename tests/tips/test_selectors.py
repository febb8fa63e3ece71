"""Reads of the tip-line: a tip by its receipt, and who may open which tip."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from chenbao.core.roles import AD_DESK
from chenbao.tips.selectors import access_tip, tip_by_receipt
from chenbao.tips.services import tip_assign

pytestmark = pytest.mark.django_db


def test_receipt_lookup_uses_the_index_not_a_scan(submit, django_assert_max_num_queries):
    tips = [submit(text=f"第{i}条爆料：某小区门口积水很深，车辆无法通行。") for i in range(5)]
    tip, code = tips[3]
    with django_assert_max_num_queries(2):
        assert tip_by_receipt(code) == tip


def test_reporter_sees_only_assigned_tips(submit, desk, reporter, make_user):
    mine, _ = submit()
    other, _ = submit(text="完全不同的另一件事：图书馆周末延长开放时间到晚上九点。")
    tip_assign(user=desk, tip=mine, reporter=reporter)
    assert access_tip(reporter, mine.pk) == mine
    with pytest.raises(Http404):
        access_tip(reporter, other.pk)
    assert access_tip(desk, other.pk) == other
    with pytest.raises(PermissionDenied):
        access_tip(make_user("ads", AD_DESK), mine.pk)
