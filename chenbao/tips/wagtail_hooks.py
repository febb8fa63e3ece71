from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from chenbao.core.access import Action, may
from chenbao.core.menu import ActionMenuItem
from chenbao.tips import admin_views, selectors
from chenbao.tips.models import TipStatus

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


class TipInboxMenuItem(ActionMenuItem):
    """爆料 in the menu, with the number of new tips the user may see: 爆料（3）."""

    def render_component(self, request):
        component = super().render_component(request)
        new = selectors.tips_visible_to(request.user).filter(status=TipStatus.NEW).count()
        if new:
            component.label = f"{self.label}（{new}）"
            component.attrs = {**component.attrs, "data-unread": str(new)}
        return component


class TipDeskPanel(Component):
    """The dashboard's tip-desk panel: new tips, tips awaiting an answer, overdue ones."""

    name = "tip_desk"
    order = 40

    def __init__(self, counts: dict[str, int]):
        self.counts = counts

    def render_html(self, parent_context=None):
        return render_to_string(
            "tips/desk/_dashboard.html",
            {"counts": self.counts, "inbox": reverse("tips_desk:inbox")},
        )


@hooks.register("construct_homepage_panels")
def tip_desk_dashboard_panel(request, panels):
    if may(request.user, Action.TIP_DESK):
        panels.insert(0, TipDeskPanel(selectors.desk_counts(request.user)))


@hooks.register("register_admin_menu_item")
def register_tip_desk_menu():
    return TipInboxMenuItem(
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
