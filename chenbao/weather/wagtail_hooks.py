from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from chenbao.core.access import Action, may
from chenbao.core.menu import ActionMenuItem
from chenbao.weather import admin_views
from chenbao.weather.selectors import weather_status


@hooks.register("register_admin_urls")
def weather_desk_urls():
    return [path("weather/", admin_views.desk, name="weather_desk")]


@hooks.register("register_admin_menu_item")
def weather_menu():
    return ActionMenuItem(
        _("天气预报"),
        reverse("weather_desk"),
        icon_name="site",
        order=310,
        actions=(Action.WEATHER_DESK,),
    )


class WeatherPanel(Component):
    """The dashboard's weather banner: fresh, stale or failing, for the night editor."""

    name = "weather_status"
    order = 50

    def render_html(self, parent_context=None):
        return render_to_string(
            "weather/_dashboard.html", {"status": weather_status(), "url": reverse("weather_desk")}
        )


@hooks.register("construct_homepage_panels")
def weather_dashboard_panel(request, panels):
    if may(request.user, Action.WEATHER_DESK):
        panels.insert(0, WeatherPanel())
