"""Core admin hooks: the second-factor pages' addresses, and no developer reports."""

from types import SimpleNamespace

from django.urls import reverse

from chenbao.core.wagtail_hooks import hide_developer_reports


def test_the_page_types_report_is_left_out_of_the_reports_menu():
    items = [SimpleNamespace(name=n) for n in ("locked-pages", "page-types-usage", "aging-pages")]
    hide_developer_reports(None, items)
    assert [item.name for item in items] == ["locked-pages", "aging-pages"]


def test_the_second_factor_pages_live_under_admin_2fa():
    assert reverse("chenbao_2fa_setup") == "/admin/2fa/setup/"
    assert reverse("chenbao_2fa_verify") == "/admin/2fa/verify/"
    assert reverse("chenbao_2fa_recovery") == "/admin/2fa/recovery-codes/"
