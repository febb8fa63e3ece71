"""The weather and ad desk demos: a three-day box from the bureau file, a booked and a
public-service ad placed by the ad desk; loading twice changes nothing."""

import datetime as dt
import io

from django.test import Client

from chenbao.ads import demo as ads_demo
from chenbao.ads.models import AdKind, AdMaterial, AdPlacement, Booking, BookingStatus
from chenbao.editions.demo import publish_all
from chenbao.weather import demo as weather_demo
from chenbao.weather.models import Forecast, ForecastFetch, PrintedForecastDay


def load_both():
    weather_demo.load(stdout=io.StringIO())
    ads_demo.load(stdout=io.StringIO())
    publish_all(stdout=io.StringIO())


def counts():
    return [
        m.objects.count()
        for m in (Forecast, ForecastFetch, PrintedForecastDay, AdPlacement, Booking, AdMaterial)
    ]


def test_demo_edition_has_a_forecast_box_a_booked_ad_and_a_public_service_ad(db):
    load_both()
    first = counts()
    load_both()
    assert counts() == first
    ads = AdPlacement.objects.filter(page__edition__date=dt.date(2022, 12, 1)).order_by(
        "page__number"
    )
    assert [(a.page.number, a.kind) for a in ads] == [
        ("A01", AdKind.COMMERCIAL),
        ("A02", AdKind.PUBLIC_SERVICE),
    ]
    # Published with its edition: the booked ad has appeared in print (已见报).
    assert ads[0].booking.status == BookingStatus.PUBLISHED and ads[0].image is not None
    html = Client().get("/epaper/2022-12-01/A02/").content.decode()
    for text in [
        "1日,晴,西北风3~4级,-7~3℃",
        "2日,多云,南风2~3级增强至3~4级,-6~5℃",
        "3日,阴,南风2~3级转北风3~4级,-4~3℃",
        "一盔一带 安全常在",
        "公益广告",
    ]:
        assert text in html, text
    front = Client().get("/epaper/2022-12-01/A01/").content.decode()
    assert "冬季家电节" in front and "商业广告" in front
