"""The ad desk's newsroom pages: bookings, a booking's artwork and status, schedule, revenue."""

import csv
import datetime as dt
import io

import pytest
from django.test import Client

from chenbao.ads.models import AdSlot, Booking, BookingStatus, PublicServiceAd
from chenbao.ads.services import advertiser_create, booking_create, booking_transition
from chenbao.core.roles import AD_DESK, PAGE_EDITOR


@pytest.fixture
def ad_clerk(make_user):
    client = Client()
    client.force_login(make_user("clerk", AD_DESK))
    return client


def test_pages_need_login_and_the_right_role(db, make_user):
    for url in ["/admin/ads/schedule/", "/admin/ads/revenue/", "/admin/ads/bookings/"]:
        response = Client().get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    page_editor = Client()
    page_editor.force_login(make_user("pe", PAGE_EDITOR))
    assert page_editor.get("/admin/ads/schedule/").status_code == 200
    for url in ["/admin/ads/revenue/", "/admin/ads/bookings/"]:
        refused = page_editor.get(url)  # Wagtail turns PermissionDenied into this
        assert refused.status_code == 302 and refused["Location"] == "/admin/", url


def test_booking_through_the_form_and_a_conflict_in_chinese(ad_clerk, advertiser):
    terms = {
        "advertiser": advertiser.pk,
        "title": "年终大促",
        "date_from": "2022-12-03",
        "page_number": "A01",
        "position": "bottom",
        "columns": 6,
        "height_mm": 60,
        "price": "12000",
    }
    response = ad_clerk.post("/admin/ads/bookings/", terms)
    booking = Booking.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{booking.pk}/")
    again = ad_clerk.post("/admin/ads/bookings/", terms).content.decode()
    assert "版位冲突" in again and Booking.objects.count() == 1


def test_upload_artwork_and_move_the_status(ad_clerk, advertiser, artwork):
    booking = booking_create(
        advertiser=advertiser, title="t", date_from=dt.date(2022, 12, 3), page_number="A01",
        position="bottom", columns=6, height_mm=60, price=100,
    )  # fmt: skip
    url = f"/admin/ads/bookings/{booking.pk}/"
    page = ad_clerk.post(url, {"material": artwork.png(300, 70, "small.png")}, follow=True)
    assert "分辨率不足" in page.content.decode()
    ad_clerk.post(url, {"material": artwork.pdf(269, 60)})
    ad_clerk.post(url, {"to": BookingStatus.APPROVED})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.APPROVED
    refused = ad_clerk.post(url, {"to": BookingStatus.PUBLISHED}, follow=True).content.decode()
    assert "不能从“已审核”改为“已见报”" in refused


def test_schedule_shows_the_day_and_places_its_ads(ad_clerk, edition, advertiser, artwork):
    booking = booking_create(
        advertiser=advertiser, title="年终大促", date_from=edition.date, page_number="A01",
        position="bottom", columns=6, height_mm=60, price=100,
    )  # fmt: skip
    AdSlot.objects.create(page_number="A02", position="bottom", columns=6, height_mm=60)
    PublicServiceAd.objects.create(
        title="一盔一带", text="一盔一带 安全常在", columns=6, height_mm=60, approved=True
    )
    html = ad_clerk.get("/admin/ads/schedule/?date=2022-12-03").content.decode()
    assert "年终大促" in html and "已预订" in html and "未售出" in html
    from chenbao.ads.services import material_add

    material_add(booking=booking, upload=artwork.pdf(269, 60))
    booking_transition(booking=booking, to=BookingStatus.APPROVED)
    placed = ad_clerk.post(
        "/admin/ads/schedule/", {"date": "2022-12-03"}, follow=True
    ).content.decode()
    assert "已排入 1 条预订广告，补位 1 条公益广告" in placed
    assert "一盔一带" in placed and "已排版" in placed


def test_revenue_page_and_csv(ad_clerk, advertiser):
    other = advertiser_create(name="齐鲁石化")
    booking_create(
        advertiser=advertiser, title="年终大促", date_from=dt.date(2022, 12, 3), page_number="A01",
        position="bottom", columns=6, height_mm=60, price="12000",
    )  # fmt: skip
    cancelled = booking_create(
        advertiser=other, title="取消的", date_from=dt.date(2022, 12, 5), page_number="A01",
        position="bottom", columns=6, height_mm=60, price="5000",
    )  # fmt: skip
    booking_transition(booking=cancelled, to=BookingStatus.CANCELLED)
    html = ad_clerk.get("/admin/ads/revenue/?month=2022-12").content.decode()
    assert (
        "2022年12月" in html and "年终大促" in html and "12000.00" in html and "取消的" not in html
    )
    response = ad_clerk.get("/admin/ads/revenue/?month=2022-12&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][1] == "广告客户" and rows[1][1] == "淄博银座商城" and rows[-1][-1] == "12000.00"
