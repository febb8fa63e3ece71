from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from chenbao.tips import selectors


class TipDeskMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.user_is_tip_desk(request.user) or selectors.user_is_reporter(request.user)


class DeskOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.user_is_tip_desk(request.user)


@hooks.register("register_admin_urls")
def register_tip_desk_urls():
    return [path("tips/", include("chenbao.tips.desk_urls", namespace="tips_desk"))]


@hooks.register("register_admin_menu_item")
def register_tip_desk_menu():
    return TipDeskMenuItem(_("爆料"), reverse("tips_desk:inbox"), icon_name="mail", order=150)


@hooks.register("register_admin_menu_item")
def register_hotline_menu():
    return DeskOnlyMenuItem(
        _("热线登记"), reverse("tips_desk:hotline"), icon_name="mobile-alt", order=151
    )
