"""Tip desk admin hooks: the menu items and the dashboard panel, for the desk's roles."""

import pytest
from django.test import RequestFactory

from chenbao.core.roles import AD_DESK, REPORTER, TIP_DESK
from chenbao.tips.models import Tip
from chenbao.tips.services import tip_assign
from chenbao.tips.wagtail_hooks import (
    TipDeskPanel,
    register_hotline_menu,
    register_tip_desk_menu,
    tip_desk_dashboard_panel,
)


def request_of(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


@pytest.mark.django_db
def test_the_inbox_shows_reporters_and_the_desk_but_the_hotline_only_the_desk(make_user):
    desk, reporter, ads = (
        make_user("d", TIP_DESK),
        make_user("r", REPORTER),
        make_user("a", AD_DESK),
    )
    inbox, hotline = register_tip_desk_menu(), register_hotline_menu()
    assert inbox.is_shown(request_of(desk)) and inbox.is_shown(request_of(reporter))
    assert not inbox.is_shown(request_of(ads))
    assert hotline.is_shown(request_of(desk)) and not hotline.is_shown(request_of(reporter))


@pytest.mark.django_db
def test_the_inbox_item_counts_only_the_new_tips_the_user_may_see(submit, desk, reporter):
    mine, _ = submit()
    submit(text="完全不同的另一件事：图书馆周末延长开放时间到晚上九点。")
    tip_assign(user=desk, tip=mine, reporter=reporter)
    Tip.objects.filter(pk=mine.pk).update(status="new")
    item = register_tip_desk_menu()
    assert item.render_component(request_of(desk)).label == "爆料（2）"
    seen = item.render_component(request_of(reporter))
    assert seen.label == "爆料（1）" and seen.attrs["data-unread"] == "1"


@pytest.mark.django_db
def test_no_new_tips_leaves_the_label_bare(desk):
    component = register_tip_desk_menu().render_component(request_of(desk))
    assert component.label == "爆料" and "data-unread" not in component.attrs


@pytest.mark.django_db
def test_the_dashboard_panel_comes_first_for_the_desk_only(submit, desk, reporter):
    submit()
    panels = ["other"]
    tip_desk_dashboard_panel(request_of(desk), panels)
    assert isinstance(panels[0], TipDeskPanel) and panels[1:] == ["other"]
    assert "/admin/tips/" in panels[0].render_html()
    others = ["other"]
    tip_desk_dashboard_panel(request_of(reporter), others)
    assert others == ["other"]
