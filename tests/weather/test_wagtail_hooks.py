"""Weather admin hooks: the desk's menu item and the dashboard banner, for the desk's roles."""

import pytest
from django.test import RequestFactory

from chenbao.core.roles import AD_DESK, PAGE_EDITOR
from chenbao.weather.wagtail_hooks import WeatherPanel, weather_dashboard_panel, weather_menu


def panels_for(user) -> list:
    request = RequestFactory().get("/admin/")
    request.user = user
    panels = ["other"]
    weather_dashboard_panel(request, panels)
    return panels


@pytest.mark.django_db
def test_the_weather_banner_comes_first_on_the_dashboard_of_the_weather_desk(make_user):
    panels = panels_for(make_user("night", PAGE_EDITOR))
    assert isinstance(panels[0], WeatherPanel) and panels[1:] == ["other"]


@pytest.mark.django_db
def test_roles_without_the_weather_desk_get_no_banner(make_user):
    assert panels_for(make_user("ads", AD_DESK)) == ["other"]


@pytest.mark.django_db
def test_the_banner_links_to_the_desk_and_warns_when_there_is_no_forecast():
    html = WeatherPanel().render_html()
    assert "/admin/weather/" in html and "help-warning" in html
    assert "还没有成功获取过" in html and "预报已过期" in html


def test_the_menu_item_points_at_the_weather_desk():
    assert weather_menu().url == "/admin/weather/"
