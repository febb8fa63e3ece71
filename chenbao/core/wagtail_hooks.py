from django.urls import path
from wagtail import hooks

from chenbao.core import admin_views


@hooks.register("register_admin_urls")
def second_factor_urls():
    return [
        path("2fa/setup/", admin_views.second_factor_setup, name="chenbao_2fa_setup"),
        path("2fa/verify/", admin_views.second_factor_verify, name="chenbao_2fa_verify"),
        path("2fa/recovery-codes/", admin_views.recovery_codes, name="chenbao_2fa_recovery"),
    ]


@hooks.register("construct_reports_menu")
def hide_developer_reports(request, menu_items):
    """The page types report lists the code's model names (storypage, homepage): it is for
    developers, who read the code, not for the newsroom."""
    menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]
