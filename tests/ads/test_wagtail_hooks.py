"""Ad desk admin hooks: each menu item is shown to the roles that may use its page."""

import pytest
from django.test import RequestFactory

from chenbao.ads.wagtail_hooks import ad_bookings_menu, ad_revenue_menu, ad_schedule_menu
from chenbao.core.roles import AD_DESK, FINANCE, PAGE_EDITOR, REPORTER


def shown(menu_item, user) -> bool:
    request = RequestFactory().get("/admin/")
    request.user = user
    return menu_item.is_shown(request)


@pytest.mark.django_db
def test_the_ad_desk_sees_all_three_ad_pages(make_user):
    clerk = make_user("clerk", AD_DESK)
    assert all(
        shown(item(), clerk) for item in (ad_schedule_menu, ad_bookings_menu, ad_revenue_menu)
    )


@pytest.mark.django_db
def test_page_editors_see_the_schedule_and_finance_the_revenue_only(make_user):
    page_editor, finance = make_user("page", PAGE_EDITOR), make_user("money", FINANCE)
    assert shown(ad_schedule_menu(), page_editor)
    assert not shown(ad_bookings_menu(), page_editor) and not shown(ad_revenue_menu(), page_editor)
    assert shown(ad_revenue_menu(), finance)
    assert not shown(ad_schedule_menu(), finance) and not shown(ad_bookings_menu(), finance)


@pytest.mark.django_db
def test_reporters_see_no_ad_pages(make_user):
    reporter = make_user("reporter", REPORTER)
    assert not any(
        shown(item(), reporter) for item in (ad_schedule_menu, ad_bookings_menu, ad_revenue_menu)
    )


def test_the_menu_items_open_the_ad_desks_pages():
    assert ad_schedule_menu().url == "/admin/ads/schedule/"
    assert ad_bookings_menu().url == "/admin/ads/bookings/"
    assert ad_revenue_menu().url == "/admin/ads/revenue/"
