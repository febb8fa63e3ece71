"""The ad desk's writes: bookings, conflicts, the status path, artwork, placing an edition."""

import datetime as dt
from decimal import Decimal

import pytest

from chenbao.ads.models import (
    AdMaterial,
    AdPlacement,
    AdSlot,
    Booking,
    BookingStatus,
    PublicServiceAd,
)
from chenbao.ads.services import (
    AdDeskError,
    booking_create,
    booking_place,
    booking_transition,
    edition_ads_place,
    edition_ads_publish,
    material_add,
)
from chenbao.core.models import AuditEntry

D = dt.date(2022, 12, 3)


def book(advertiser, **overrides):
    terms = dict(
        advertiser=advertiser,
        title="年终大促",
        text="银座商城 年终大促\n全场五折起",
        date_from=D,
        page_number="A01",
        position="bottom",
        columns=6,
        height_mm=60,
        price="12000",
    )
    terms.update(overrides)
    return booking_create(**terms)


def approved(advertiser, artwork, **overrides):
    booking = book(advertiser, **overrides)
    material_add(booking=booking, upload=artwork.png(3178, 709))
    return booking_transition(booking=booking, to=BookingStatus.APPROVED)


def test_booking_is_stored_with_its_terms(advertiser):
    booking = book(advertiser, date_to=D + dt.timedelta(days=2))
    assert booking.status == BookingStatus.BOOKED and booking.price == Decimal("12000")
    assert booking.dates == [D, D + dt.timedelta(days=1), D + dt.timedelta(days=2)]
    assert AuditEntry.objects.filter(action="booking.create").count() == 1


def test_the_slogan_line_is_booked_and_must_be_one_of_the_ads_lines(edition, advertiser, artwork):
    with pytest.raises(AdDeskError, match="标语行是第 3 行，广告文字只有 2 行"):
        book(advertiser, slogan_line=3)
    booking = approved(advertiser, artwork, slogan_line=2)
    AdSlot.objects.create(page_number="A02", position="bottom", columns=6, height_mm=60)
    PublicServiceAd.objects.create(
        title="文明", text="讲文明\n树新风", slogan_line=1, columns=6, height_mm=60, approved=True
    )
    report = edition_ads_place(edition=edition)
    [placed], [filled] = report.placed, report.filled
    assert placed.booking == booking and placed.slogan_line == 2  # the placement takes it
    assert filled.slogan_line == 1


def test_same_slot_on_an_overlapping_date_is_refused(advertiser):
    book(advertiser, date_to=D + dt.timedelta(days=4))
    with pytest.raises(AdDeskError, match="版位冲突：A01 底部通栏.*淄博银座商城"):
        book(advertiser, date_from=D + dt.timedelta(days=2))
    # Another position, another page or other dates are free.
    book(advertiser, position="ear", columns=2, height_mm=40)
    book(advertiser, page_number="A02")
    book(advertiser, date_from=D + dt.timedelta(days=5))
    assert Booking.objects.count() == 4


def test_a_cancelled_booking_frees_its_slot(advertiser):
    first = book(advertiser)
    booking_transition(booking=first, to=BookingStatus.CANCELLED)
    assert book(advertiser).pk != first.pk


def test_a_page_the_edition_does_not_have_is_refused(edition, advertiser):
    with pytest.raises(AdDeskError, match="2022-12-03 的报纸没有 A09 版（现有：A01、A02）"):
        book(advertiser, page_number="A09")
    with pytest.raises(AdDeskError, match="没有“体育”版"):
        book(advertiser, page_number="", section="体育")


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ({"date_to": D - dt.timedelta(days=1)}, "结束日期早于起始日期"),
        ({"section": "要闻"}, "二选一"),
        ({"columns": 9}, "栏数"),
        ({"height_mm": 500}, "高度"),
        ({"price": "-1"}, "价格"),
        ({"position": "moon"}, "未知的版位"),
    ],
)
def test_bad_terms_are_refused(advertiser, terms, message):
    with pytest.raises(AdDeskError, match=message):
        book(advertiser, **terms)


def test_status_moves_only_along_the_allowed_path(advertiser, artwork):
    booking = book(advertiser)
    with pytest.raises(AdDeskError, match="不能从“已预订”改为“已排版”"):
        booking_transition(booking=booking, to=BookingStatus.PLACED)
    material_add(booking=booking, upload=artwork.png(3178, 709))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.MATERIAL_RECEIVED
    booking_transition(booking=booking, to=BookingStatus.APPROVED)
    with pytest.raises(AdDeskError):
        booking_transition(booking=booking, to=BookingStatus.PUBLISHED)


def test_approval_needs_artwork_that_passed(advertiser, artwork):
    booking = book(advertiser)
    bad = material_add(booking=booking, upload=artwork.png(300, 70, name="small.png"))
    assert not bad.ok and "分辨率不足" in bad.problems
    assert AdMaterial.objects.count() == 1 and bad.file.name.endswith(".png")  # kept, not lost
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED
    with pytest.raises(AdDeskError, match="还没有通过检查的广告稿件"):
        booking_transition(booking=booking, to=BookingStatus.MATERIAL_RECEIVED)
    good = material_add(booking=booking, upload=artwork.pdf(269, 60))
    booking.refresh_from_db()
    assert good.ok and booking.status == BookingStatus.MATERIAL_RECEIVED


def test_placing_an_edition_places_bookings_and_fills_unsold_slots(edition, advertiser, artwork):
    booking = approved(advertiser, artwork)
    AdSlot.objects.create(page_number="A01", position="bottom", columns=6, height_mm=60)
    AdSlot.objects.create(page_number="A02", position="bottom", columns=6, height_mm=60)
    piece = PublicServiceAd.objects.create(
        title="一盔一带", text="一盔一带 安全常在", columns=6, height_mm=60, approved=True
    )
    report = edition_ads_place(edition=edition)
    assert report.problems == []
    [placed] = report.placed
    assert placed.page.number == "A01" and placed.booking == booking and placed.image is not None
    assert placed.advertiser == "淄博银座商城" and placed.lines == [
        "银座商城 年终大促",
        "全场五折起",
    ]
    [filled] = report.filled
    assert filled.page.number == "A02" and filled.public_service_ad == piece
    assert filled.get_kind_display() == "公益广告"
    booking.refresh_from_db()
    assert booking.status == BookingStatus.PLACED
    # Again: nothing doubles.
    again = edition_ads_place(edition=edition)
    assert again.filled == [] and AdPlacement.objects.count() == 2
    assert [b.pk for b in edition_ads_publish(edition=edition)] == [booking.pk]


def test_publishing_the_edition_marks_its_placed_ads_as_printed(edition, advertiser, artwork):
    from chenbao.editions.services.publish import edition_publish

    booking = approved(advertiser, artwork)
    AdSlot.objects.create(page_number="A01", position="bottom", columns=6, height_mm=60)
    edition_ads_place(edition=edition)
    edition_publish(edition=edition, pages=["A01"])  # part of the edition: not out yet
    booking.refresh_from_db()
    assert booking.status == BookingStatus.PLACED
    edition_publish(edition=edition)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.PUBLISHED  # 已见报 follows publication


def test_placement_refuses_a_missing_page_and_a_taken_slot(edition, advertiser, artwork):
    dropped = edition.pages.create(number="A05", name="广告")
    lost = approved(advertiser, artwork, page_number="A05")
    dropped.delete()  # the page was cut from the edition after the booking
    with pytest.raises(AdDeskError, match="没有 A05 版"):
        booking_place(booking=lost, edition=edition)
    first = approved(advertiser, artwork, section="要闻", page_number="")
    second = approved(advertiser, artwork, page_number="A02")  # the 要闻 page is A02
    booking_place(booking=first, edition=edition)
    with pytest.raises(AdDeskError, match="版位冲突：A02 版 底部通栏 已有广告"):
        booking_place(booking=second, edition=edition)
    report = edition_ads_place(edition=edition)
    assert len(report.problems) == 2 and len(report.placed) == 1


def test_unapproved_bookings_are_reported_not_placed(edition, advertiser):
    book(advertiser)
    report = edition_ads_place(edition=edition)
    assert report.placed == [] and "已预订" in report.problems[0]


def test_an_empty_library_leaves_the_slot_and_says_so(edition):
    AdSlot.objects.create(page_number="A02", position="bottom", columns=6, height_mm=60)
    report = edition_ads_place(edition=edition)
    assert "没有可轮换的公益广告" in report.problems[0]
