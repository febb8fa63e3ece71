"""The weather desk page and dashboard banner: role-gated, stale warnings, overrides, box fill."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from chenbao.core.roles import AD_DESK, PAGE_EDITOR
from chenbao.editions.models import Edition, PrintedPage
from chenbao.weather.models import Forecast
from chenbao.weather.providers import ProviderError
from chenbao.weather.providers.filedrop import FileDropProvider
from chenbao.weather.services import forecast_fetch

SAMPLE = "chenbao/weather/fixtures/bureau-sample.csv"


class Failing:
    name = "broken"

    def fetch(self, location, days):
        raise ProviderError("气象台接口无响应")


@pytest.fixture
def night_editor(make_user):
    client = Client()
    client.force_login(make_user("night", PAGE_EDITOR))
    return client


def test_anonymous_is_sent_to_login_and_other_roles_are_refused(db, make_user):
    response = Client().get("/admin/weather/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    ad_desk = Client()
    ad_desk.force_login(make_user("ads", AD_DESK))  # in the admin, but not the night desk
    refused = ad_desk.get("/admin/weather/")  # Wagtail turns PermissionDenied into this
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert "data-weather-status" not in ad_desk.get("/admin/").content.decode()


def test_desk_and_dashboard_warn_when_the_last_fetch_failed_and_is_stale(night_editor):
    long_ago = timezone.now() - dt.timedelta(days=2)
    forecast_fetch(provider=FileDropProvider(SAMPLE), location="淄博", now=long_ago)
    forecast_fetch(provider=Failing(), location="淄博")
    html = night_editor.get("/admin/weather/").content.decode()
    assert "预报已过期" in html and "气象台接口无响应" in html
    assert "2日,多云,南风2~3级增强至3~4级,-6~5℃" in html
    dashboard = night_editor.get("/admin/").content.decode()
    assert "预报已过期" in dashboard and "data-weather-status" in dashboard


def test_fresh_forecast_shows_no_warning(night_editor):
    forecast_fetch(provider=FileDropProvider(SAMPLE), location="淄博")
    html = night_editor.get("/admin/").content.decode()
    assert "data-weather-status" in html and "预报已过期" not in html


def test_editor_overrides_a_day_and_fills_a_page(night_editor):
    forecast_fetch(provider=FileDropProvider(SAMPLE), location="淄博")
    edition = Edition.objects.create(date=dt.date(2022, 12, 3))
    page = PrintedPage.objects.create(edition=edition, number="A01")
    day = Forecast.objects.get(date=dt.date(2022, 12, 4))
    night_editor.post(
        "/admin/weather/", {"forecast": day.pk, "text": "4日,阴转小雪,北风2~3级,-5~1℃"}
    )
    response = night_editor.post("/admin/weather/", {"date": "2022-12-03", "page": "a01"})
    assert response.status_code == 302
    assert list(page.forecast_days.values_list("text", flat=True)) == [
        "3日,阴,南风2~3级转北风3~4级,-4~3℃",
        "4日,阴转小雪,北风2~3级,-5~1℃",
        "5日,晴,北风3~4级,阵风6级,-7~2℃",
    ]
    missing = night_editor.post(
        "/admin/weather/", {"date": "2022-12-05", "page": "A01"}, follow=True
    )
    assert "没有 A01 版" in missing.content.decode()
