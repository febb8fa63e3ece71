from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from chenbao.core.access import Action
from chenbao.core.menu import ActionMenuItem
from chenbao.figures import admin_views


@hooks.register("register_admin_urls")
def figures_desk_urls():
    return [path("figures/", admin_views.desk, name="figures_desk")]


@hooks.register("register_admin_menu_item")
def figures_menu():
    return ActionMenuItem(
        _("数据与承诺"),
        reverse("figures_desk"),
        icon_name="table",
        order=330,
        actions=(Action.FIGURES_DESK,),
    )
