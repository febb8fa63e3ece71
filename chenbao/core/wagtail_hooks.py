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
