"""The weather and ad desk demos: a three-day box from the bureau file, a booked and a
public-service ad placed by the ad desk; loading twice changes nothing."""

import datetime as dt
import io

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


def test_demo_edition_has_a_forecast_box_a_booked_ad_and_a_public_service_ad(db, printed_text):
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
    # 2022-12-01 is not finished (A01 holds a folio and an ad only), so it is not public
    # (0020); its page files are published and print the box and the ad.
    printed = printed_text(dt.date(2022, 12, 1), "A02")
    for text in [
        "1日晴-7~3℃西北风3~4级",
        "2日多云-6~5℃南风2~3级增强至3~4级",
        "3日阴-4~3℃南风2~3级转北风3~4级",
        "一盔一带安全常在",
        "公益广告",
    ]:
        assert text in printed, text
    front = printed_text(dt.date(2022, 12, 1), "A01")
    assert "冬季家电节" in front and "全场满千减百" in front
