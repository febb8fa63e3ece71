from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from chenbao.core.access import Action
from chenbao.core.menu import ActionMenuItem
from chenbao.tips import admin_views

# The tip desk's pages, under /admin/tips/ in the namespace tips_desk.
desk_urls = [
    path("", admin_views.inbox, name="inbox"),
    path("hotline/", admin_views.hotline, name="hotline"),
    path("import/", admin_views.chat_import, name="import"),
    path("<int:tip_id>/", admin_views.detail, name="detail"),
    path("<int:tip_id>/act/", admin_views.act, name="act"),
    path("<int:tip_id>/files/<int:file_id>/", admin_views.file, name="file"),
]


@hooks.register("register_admin_urls")
def register_tip_desk_urls():
    return [path("tips/", include((desk_urls, "tips_desk")))]


@hooks.register("register_admin_menu_item")
def register_tip_desk_menu():
    return ActionMenuItem(
        _("爆料"),
        reverse("tips_desk:inbox"),
        icon_name="mail",
        order=150,
        actions=(Action.TIP_DESK, Action.TIP_ASSIGNED),
    )


@hooks.register("register_admin_menu_item")
def register_hotline_menu():
    return ActionMenuItem(
        _("热线登记"),
        reverse("tips_desk:hotline"),
        icon_name="mobile-alt",
        order=151,
        actions=(Action.TIP_DESK,),
    )
