"""Ad models: an ad's printed lines, a booking's dates and place, how each reads."""

import datetime as dt
from decimal import Decimal

from chenbao.ads.models import (
    AdKind,
    AdMaterial,
    AdPlacement,
    AdSlot,
    Advertiser,
    Booking,
    text_lines,
)


def test_an_ads_lines_leave_out_blank_lines_and_keep_the_order():
    assert text_lines("年终大促\n\n  \n全场八折\n") == ["年终大促", "全场八折"]
    assert text_lines("") == []


def test_a_placement_reads_as_its_kind_and_first_line():
    ad = AdPlacement(kind=AdKind.PUBLIC_SERVICE, text="\n一盔一带\n安全常在")
    assert ad.lines == ["一盔一带", "安全常在"]
    assert str(ad) == "公益广告 一盔一带"
    assert str(AdPlacement(kind=AdKind.COMMERCIAL, text="")) == "商业广告"


def test_a_booking_covers_every_date_from_first_to_last():
    booking = Booking(date_from=dt.date(2022, 11, 29), date_to=dt.date(2022, 12, 2))
    assert booking.dates == [
        dt.date(2022, 11, 29),
        dt.date(2022, 11, 30),
        dt.date(2022, 12, 1),
        dt.date(2022, 12, 2),
    ]
    one_day = Booking(date_from=dt.date(2022, 12, 3), date_to=dt.date(2022, 12, 3))
    assert one_day.dates == [dt.date(2022, 12, 3)]


def test_a_booking_is_placed_by_page_number_else_by_section():
    assert Booking(page_number="A03", section="要闻").where == "A03"
    assert Booking(page_number="", section="要闻").where == "要闻"


def test_bookings_material_and_slots_read_as_the_ad_desk_names_them():
    booking = Booking(
        advertiser=Advertiser(name="淄博银座商城"), title="年终大促", price=Decimal("1")
    )
    assert str(booking) == "淄博银座商城 年终大促"
    assert (
        str(AdMaterial(booking=booking, file="ads/poster.pdf"))
        == "淄博银座商城 年终大促 ads/poster.pdf"
    )
    slot = AdSlot(page_number="A04", position="bottom", columns=6, height_mm=60)
    assert str(slot) == f"A04 {slot.get_position_display()} 6栏×60毫米"
    assert slot.get_position_display() != "bottom"
