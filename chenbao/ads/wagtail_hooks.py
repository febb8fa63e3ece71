from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from chenbao.ads import admin_views
from chenbao.ads.models import AdSlot, Advertiser, PublicServiceAd
from chenbao.core.access import Action
from chenbao.core.menu import ActionMenuItem
from chenbao.core.snippets import SnippetViewSet


@hooks.register("register_admin_urls")
def ad_desk_urls():
    return [
        path("ads/schedule/", admin_views.schedule, name="ads_schedule"),
        path("ads/revenue/", admin_views.revenue, name="ads_revenue"),
        path("ads/bookings/", admin_views.bookings, name="ads_bookings"),
        path("ads/bookings/<int:pk>/", admin_views.booking_detail, name="ads_booking"),
    ]


@hooks.register("register_admin_menu_item")
def ad_schedule_menu():
    return ActionMenuItem(
        _("广告排期"),
        reverse("ads_schedule"),
        icon_name="date",
        order=320,
        actions=(Action.AD_SCHEDULE,),
    )


@hooks.register("register_admin_menu_item")
def ad_bookings_menu():
    return ActionMenuItem(
        _("广告预订"),
        reverse("ads_bookings"),
        icon_name="list-ul",
        order=321,
        actions=(Action.AD_BOOKING,),
    )


@hooks.register("register_admin_menu_item")
def ad_revenue_menu():
    return ActionMenuItem(
        _("广告收入"),
        reverse("ads_revenue"),
        icon_name="table",
        order=322,
        actions=(Action.AD_REVENUE,),
    )


class AdvertiserViewSet(SnippetViewSet):
    model = Advertiser
    icon = "group"
    menu_label = _("广告客户")
    list_display = ["name", "contact_name"]
    search_fields = ["name"]


class PublicServiceAdViewSet(SnippetViewSet):
    model = PublicServiceAd
    icon = "pick"
    menu_label = _("公益广告库")
    list_display = [
        "title",
        "sponsor",
        "columns",
        "height_mm",
        BooleanColumn("approved", label=_("已审定")),
        BooleanColumn("active", label=_("轮换中")),
    ]
    list_filter = ["approved", "active"]


class AdSlotViewSet(SnippetViewSet):
    model = AdSlot
    icon = "placeholder"
    menu_label = _("常设版位")
    list_display = [
        "page_number",
        "position",
        "columns",
        "height_mm",
        BooleanColumn("active", label=_("启用")),
    ]


class AdDeskGroup(SnippetViewSetGroup):
    menu_label = _("广告")
    menu_icon = "tag"
    menu_order = 323
    items = (AdvertiserViewSet, PublicServiceAdViewSet, AdSlotViewSet)


register_snippet(AdDeskGroup)
