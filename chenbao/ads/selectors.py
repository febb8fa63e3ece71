"""Reads of the ad desk: the daily schedule and the monthly revenue."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from chenbao.ads.models import AdPlacement, AdSlot, Booking, BookingStatus
from chenbao.editions.models import Edition

CENT = Decimal("0.01")


def booking_day_shares(booking: Booking) -> dict[dt.date, Decimal]:
    """Spread a booking's price over its dates, to the fen; the last date takes the remainder."""
    dates = booking.dates
    each = (booking.price / len(dates)).quantize(CENT, rounding=ROUND_DOWN)
    shares = dict.fromkeys(dates, each)
    shares[dates[-1]] = booking.price - each * (len(dates) - 1)
    return shares


@dataclass(frozen=True)
class RevenueRow:
    booking: Booking
    days: int
    amount: Decimal


@dataclass(frozen=True)
class Revenue:
    year: int
    month: int
    rows: list[RevenueRow]

    @property
    def total(self) -> Decimal:
        return sum((row.amount for row in self.rows), Decimal("0.00"))

    @property
    def published_total(self) -> Decimal:
        done = (BookingStatus.PLACED, BookingStatus.PUBLISHED)
        return sum((r.amount for r in self.rows if r.booking.status in done), Decimal("0.00"))


def revenue_month(*, year: int, month: int) -> Revenue:
    """Return each live booking's share of the month's revenue (cancelled bookings count 0)."""
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    bookings = (
        Booking.objects.filter(date_from__lte=last, date_to__gte=first)
        .exclude(status=BookingStatus.CANCELLED)
        .select_related("advertiser")
        .order_by("advertiser__name", "date_from", "pk")
    )
    rows = []
    for booking in bookings:
        shares = {d: v for d, v in booking_day_shares(booking).items() if first <= d <= last}
        rows.append(RevenueRow(booking, len(shares), sum(shares.values(), Decimal("0.00"))))
    return Revenue(year, month, rows)


@dataclass(frozen=True)
class ScheduleLine:
    page_number: str
    position: str
    size: str
    what: str
    status: str
    booking: Booking | None = None
    placement: AdPlacement | None = None


def schedule_day(*, date: dt.date) -> list[ScheduleLine]:
    """Return what runs where on `date`: bookings, placed ads and standing slots still open."""
    lines: list[ScheduleLine] = []
    edition = Edition.objects.filter(date=date).order_by("paper").first()
    placements = []
    if edition is not None:
        placements = list(
            AdPlacement.objects.filter(page__edition=edition)
            .select_related("page", "booking", "public_service_ad")
            .order_by("page__number", "position")
        )
    placed_bookings = {p.booking_id for p in placements if p.booking_id}
    for p in placements:
        what = (
            p.booking.title
            if p.booking
            else (p.public_service_ad.title if p.public_service_ad else p.text[:20])
        )
        lines.append(
            ScheduleLine(
                p.page.number,
                p.position,
                f"{p.columns}栏×{p.height_mm}毫米",
                f"{p.advertiser} {what}".strip(),
                p.get_kind_display() + " 已排版",
                p.booking,
                p,
            )
        )
    bookings = (
        Booking.objects.filter(date_from__lte=date, date_to__gte=date)
        .exclude(status=BookingStatus.CANCELLED)
        .exclude(pk__in=placed_bookings)
        .select_related("advertiser")
    )
    for b in bookings:
        lines.append(
            ScheduleLine(
                b.where,
                b.position,
                f"{b.columns}栏×{b.height_mm}毫米",
                f"{b.advertiser.name} {b.title}",
                b.get_status_display(),
                b,
            )
        )
    taken = {(line.page_number, line.position) for line in lines}
    for slot in AdSlot.objects.filter(active=True):
        if (slot.page_number, slot.position) not in taken:
            lines.append(
                ScheduleLine(
                    slot.page_number,
                    slot.position,
                    f"{slot.columns}栏×{slot.height_mm}毫米",
                    "（未售出，将以公益广告补位）",
                    "空",
                )
            )
    return sorted(lines, key=lambda line: (line.page_number, line.position))
