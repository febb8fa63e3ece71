"""Reads of the ad desk: a booking's price spread over its dates, monthly revenue, the day's
schedule."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from chenbao.ads.models import AdPlacement, AdSlot, BookingStatus, PublicServiceAd
from chenbao.ads.selectors import booking_day_shares, revenue_month, schedule_day
from chenbao.ads.services import advertiser_create, booking_create, booking_transition
from chenbao.editions.models import Edition, PrintedPage

_pages = itertools.count(10)


def book(advertiser, title="年终大促", date_from=dt.date(2022, 12, 3), date_to=None, **terms):
    """Book a bottom strip on a page of its own (A10, A11, ...), unless told otherwise."""
    terms = {"page_number": f"A{next(_pages)}", "position": "bottom", "columns": 6,
             "height_mm": 60, "price": "1000", **terms}  # fmt: skip
    return booking_create(
        advertiser=advertiser, title=title, date_from=date_from, date_to=date_to, **terms
    )


def test_price_spreads_over_the_dates_to_the_fen(advertiser):
    booking = booking_create(
        advertiser=advertiser, title="跨月", date_from=dt.date(2022, 11, 29), date_to=dt.date(2022, 12, 4),
        page_number="A03", position="bottom", columns=6, height_mm=60, price="1000",
    )  # fmt: skip
    shares = booking_day_shares(booking)
    assert len(shares) == 6 and sum(shares.values()) == Decimal("1000")
    assert shares[dt.date(2022, 11, 29)] == Decimal("166.66")
    nov = revenue_month(year=2022, month=11)
    dec = revenue_month(year=2022, month=12)
    assert nov.total + dec.total == Decimal("1000")
    assert nov.rows[0].days == 2 and dec.rows[0].days == 4


def test_a_one_day_booking_takes_its_whole_price_on_that_day(advertiser):
    assert booking_day_shares(book(advertiser, price="99.99")) == {
        dt.date(2022, 12, 3): Decimal("99.99")
    }


def test_the_last_date_takes_the_remainder_of_an_uneven_split(advertiser):
    booking = book(advertiser, date_to=dt.date(2022, 12, 5), price="100")
    assert list(booking_day_shares(booking).values()) == [
        Decimal("33.33"),
        Decimal("33.33"),
        Decimal("33.34"),
    ]


def test_cancelled_bookings_and_other_months_bring_no_revenue(advertiser):
    book(advertiser, title="十一月", date_from=dt.date(2022, 11, 30), price="500")
    kept = book(advertiser, title="十二月", price="800")
    booking_transition(
        booking=book(advertiser, title="取消的", price="300"), to=BookingStatus.CANCELLED
    )
    revenue = revenue_month(year=2022, month=12)
    assert [row.booking for row in revenue.rows] == [kept]
    assert revenue.total == Decimal("800.00")


def test_only_placed_and_published_bookings_count_as_published_revenue(advertiser):
    placed = book(advertiser, title="已排版", price="800")
    book(advertiser, title="只预订", price="200")
    placed.status = BookingStatus.PLACED
    placed.save()
    revenue = revenue_month(year=2022, month=12)
    assert revenue.total == Decimal("1000.00")
    assert revenue.published_total == Decimal("800.00")


def test_revenue_rows_are_ordered_by_advertiser_then_date(db):
    first, second = advertiser_create(name="A商贸"), advertiser_create(name="B商贸")
    theirs = book(second, title="B的")
    late = book(first, title="晚", date_from=dt.date(2022, 12, 20))
    early = book(first, title="早", date_from=dt.date(2022, 12, 2))
    rows = [row.booking for row in revenue_month(year=2022, month=12).rows]
    assert rows == [early, late, theirs]


@pytest.mark.django_db
def test_an_empty_day_lists_the_open_standing_slots_only():
    AdSlot.objects.create(page_number="A04", position="bottom", columns=6, height_mm=60)
    AdSlot.objects.create(
        page_number="A05", position="bottom", columns=6, height_mm=60, active=False
    )
    lines = schedule_day(date=dt.date(2022, 12, 3))
    assert [(line.page_number, line.status) for line in lines] == [("A04", "空")]
    assert lines[0].size == "6栏×60毫米" and "公益广告补位" in lines[0].what


def test_the_schedule_shows_placed_ads_then_unplaced_bookings_and_no_slot_twice(advertiser):
    edition = Edition.objects.create(date=dt.date(2022, 12, 3))
    page = PrintedPage.objects.create(edition=edition, number="A02", name="要闻")
    placed = book(advertiser, title="已排", page_number="A02", position="bottom")
    AdPlacement.objects.create(
        page=page, booking=placed, advertiser=advertiser.name, text="年终大促\n全场八折",
        position="bottom", columns=6, height_mm=60,
    )  # fmt: skip
    waiting = book(advertiser, title="待排", page_number="A02", position="ear")
    book(advertiser, title="别的日子", date_from=dt.date(2022, 12, 9))
    AdSlot.objects.create(page_number="A02", position="bottom", columns=6, height_mm=60)
    AdSlot.objects.create(page_number="A02", position="ear", columns=6, height_mm=60)
    lines = schedule_day(date=dt.date(2022, 12, 3))
    assert [(line.page_number, line.booking) for line in lines] == [
        ("A02", placed),
        ("A02", waiting),
    ]
    assert lines[0].status.endswith("已排版") and lines[0].placement is not None
    assert lines[1].what == "淄博银座商城 待排" and lines[1].status == "已预订"


def test_a_public_service_fill_is_named_by_its_piece(db):
    edition = Edition.objects.create(date=dt.date(2022, 12, 3))
    page = PrintedPage.objects.create(edition=edition, number="A04", name="本地")
    piece = PublicServiceAd.objects.create(
        title="一盔一带", text="一盔一带 安全常在", columns=6, height_mm=60, approved=True
    )
    AdPlacement.objects.create(
        page=page, public_service_ad=piece, kind="public_service", text=piece.text,
        position="bottom", columns=6, height_mm=60,
    )  # fmt: skip
    [line] = schedule_day(date=dt.date(2022, 12, 3))
    assert line.what == "一盔一带" and line.status == "公益广告 已排版"
