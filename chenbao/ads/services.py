"""Writes of the ad desk: bookings and their status, artwork, placing ads on a page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TypedDict

from django.conf import settings
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from chenbao.ads.material import Tolerances, material_check
from chenbao.ads.models import (
    AdKind,
    AdMaterial,
    AdPlacement,
    AdSlot,
    Advertiser,
    Booking,
    BookingStatus,
    Position,
    PublicServiceAd,
    text_lines,
)
from chenbao.core.services import audit_record
from chenbao.editions.grid import page_grid
from chenbao.editions.models import Edition, PrintedPage

S = BookingStatus
BOOKING_TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.BOOKED: (S.MATERIAL_RECEIVED, S.CANCELLED),
    S.MATERIAL_RECEIVED: (S.APPROVED, S.BOOKED, S.CANCELLED),
    S.APPROVED: (S.PLACED, S.MATERIAL_RECEIVED, S.CANCELLED),
    S.PLACED: (S.PUBLISHED,),  # taking an ad off a page is a page edit, not a status move
    S.PUBLISHED: (),
    S.CANCELLED: (),
}
LIVE = (S.BOOKED, S.MATERIAL_RECEIVED, S.APPROVED, S.PLACED, S.PUBLISHED)


class BookingTerms(TypedDict):
    """What a booking buys: the dates, the page (or section), the slot and the price."""

    date_from: dt.date
    date_to: dt.date
    page_number: str
    section: str
    position: str
    columns: int
    height_mm: int
    price: Decimal


class AdDeskError(Exception):
    """An ad desk action refused; the message says why, in Chinese."""


def artwork_tolerances() -> Tolerances:
    return Tolerances(min_dpi=settings.CHENBAO["AD_MIN_DPI"])


def position_label(position: str) -> str:
    return str(dict(Position.choices).get(position, position))


# ------------------------------------------------------------------ advertisers and bookings


@transaction.atomic
def advertiser_create(
    *, name: str, contact_name: str = "", contact_phone: str = "", user=None
) -> Advertiser:
    name = name.strip()
    if not name:
        raise AdDeskError(_("广告客户名称不能为空"))
    if Advertiser.objects.filter(name=name).exists():
        raise AdDeskError(_("已有名为“%(name)s”的广告客户") % {"name": name})
    advertiser = Advertiser.objects.create(
        name=name, contact_name=contact_name, contact_phone=contact_phone
    )
    audit_record(actor=user, action="advertiser.create", obj=advertiser)
    return advertiser


def booking_problems(
    *,
    date_from: dt.date,
    date_to: dt.date,
    page_number: str,
    section: str,
    position: str,
    columns: int,
    height_mm: int,
    price: Decimal,
    exclude_pk: int | None = None,
) -> list[str]:
    """Return why a booking with these terms cannot be taken (empty when it can)."""
    grid = page_grid()
    problems = []
    if date_from > date_to:
        problems.append(_("结束日期早于起始日期"))
    if bool(page_number) == bool(section):
        problems.append(_("请指定版号或版名（二选一）"))
    if position not in Position.values:
        problems.append(_("未知的版位“%(p)s”") % {"p": position})
    if not 1 <= columns <= grid.columns:
        problems.append(_("栏数应在 1 到 %(n)s 之间") % {"n": grid.columns})
    if not 10 <= height_mm <= grid.type_height:
        problems.append(_("高度应在 10 到 %(n)d 毫米之间") % {"n": grid.type_height})
    if price < 0:
        problems.append(_("价格不能为负数"))
    if problems:
        return problems
    clashes = Booking.objects.filter(
        status__in=LIVE, position=position, date_from__lte=date_to, date_to__gte=date_from
    ).filter(
        Q(page_number=page_number, section="")
        if page_number
        else Q(section=section, page_number="")
    )
    if exclude_pk is not None:
        clashes = clashes.exclude(pk=exclude_pk)
    for clash in clashes.select_related("advertiser")[:3]:
        problems.append(
            _(
                "版位冲突：%(where)s %(pos)s 在 %(start)s 至 %(end)s "
                "已由“%(adv)s”预订（预订号 %(pk)s）"
            )
            % {
                "where": page_number or section,
                "pos": position_label(position),
                "start": clash.date_from,
                "end": clash.date_to,
                "adv": clash.advertiser.name,
                "pk": clash.pk,
            }
        )
    problems.extend(_missing_pages(date_from, date_to, page_number, section))
    return problems


def _missing_pages(date_from, date_to, page_number: str, section: str) -> list[str]:
    """Refuse pages that a made-up edition in the booked dates does not have."""
    problems = []
    editions = Edition.objects.filter(
        date__range=(date_from, date_to), pages__isnull=False
    ).distinct()
    for edition in editions.prefetch_related("pages"):
        pages = list(edition.pages.all())
        if page_number and not any(p.number == page_number for p in pages):
            have = "、".join(p.number for p in pages)
            problems.append(
                _("%(date)s 的报纸没有 %(page)s 版（现有：%(have)s）")
                % {"date": edition.date, "page": page_number, "have": have}
            )
        if section and not any(p.name == section for p in pages):
            problems.append(
                _("%(date)s 的报纸没有“%(s)s”版") % {"date": edition.date, "s": section}
            )
    return problems


@transaction.atomic
def booking_create(
    *,
    advertiser: Advertiser,
    title: str,
    date_from: dt.date,
    date_to: dt.date | None = None,
    page_number: str = "",
    section: str = "",
    position: str,
    columns: int,
    height_mm: int,
    price: Decimal | int | str,
    text: str = "",
    slogan_line: int | None = 0,
    user=None,
) -> Booking:
    """Book space; refuse a slot already booked on an overlapping date, or a missing page.

    `slogan_line`: which line of `text` is printed as the slogan (1 for the first; 0: the
    shortest line)."""
    date_to = date_to or date_from
    page_number = page_number.strip().upper()
    section = section.strip()
    price = Decimal(str(price))
    terms: BookingTerms = {
        "date_from": date_from,
        "date_to": date_to,
        "page_number": page_number,
        "section": section,
        "position": position,
        "columns": columns,
        "height_mm": height_mm,
        "price": price,
    }
    problems = booking_problems(**terms)
    slogan_line = slogan_line or 0
    lines = text_lines(text)
    if slogan_line > len(lines):
        problems.append(
            _("标语行是第 %(n)s 行，广告文字只有 %(have)s 行")
            % {"n": slogan_line, "have": len(lines)}
        )
    if problems:
        raise AdDeskError("；".join(problems))
    booking = Booking.objects.create(
        advertiser=advertiser,
        title=title.strip() or advertiser.name,
        text=text,
        slogan_line=slogan_line,
        **terms,
    )
    audit_record(actor=user, action="booking.create", obj=booking, detail={"price": str(price)})
    return booking


@transaction.atomic
def booking_transition(*, booking: Booking, to: str, user=None) -> Booking:
    """Move a booking to status `to`, if the move is allowed (see BOOKING_TRANSITIONS)."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if to not in BOOKING_TRANSITIONS[booking.status]:
        raise AdDeskError(
            _("预订 %(pk)s 不能从“%(a)s”改为“%(b)s”")
            % {"pk": booking.pk, "a": booking.get_status_display(), "b": S(to).label}
        )
    needs_artwork = to in (S.MATERIAL_RECEIVED, S.APPROVED)
    if needs_artwork and not booking.materials.filter(ok=True).exists():
        raise AdDeskError(_("预订 %(pk)s 还没有通过检查的广告稿件") % {"pk": booking.pk})
    before = booking.status
    booking.status = to
    booking.save(update_fields=["status"])
    audit_record(
        actor=user, action="booking.status", obj=booking, detail={"from": before, "to": to}
    )
    return booking


@transaction.atomic
def material_add(*, booking: Booking, upload: File, user=None) -> AdMaterial:
    """Keep delivered artwork and check it; good artwork moves a booking to 已收稿.

    Artwork that fails the check is kept too (with its problems listed), so nothing the
    advertiser sent is lost; the booking stays where it was.
    """
    upload.seek(0)
    check = material_check(
        upload,
        columns=booking.columns,
        height_mm=booking.height_mm,
        grid=page_grid(),
        tolerances=artwork_tolerances(),
    )
    upload.seek(0)
    material = AdMaterial(
        booking=booking,
        kind=check.kind,
        width_px=check.width_px,
        height_px=check.height_px,
        width_mm=check.width_mm,
        height_mm=check.height_mm,
        dpi=check.dpi,
        ok=check.ok,
        problems="\n".join(check.problems),
    )
    material.file.save(Path(upload.name or "material").name, upload, save=False)
    material.save()
    audit_record(actor=user, action="material.add", obj=material, detail={"ok": check.ok})
    if check.ok and booking.status == S.BOOKED:
        booking_transition(booking=booking, to=S.MATERIAL_RECEIVED, user=user)
    return material


# ------------------------------------------------------------------ placing an edition's ads


@dataclass
class PlacementReport:
    placed: list[AdPlacement] = field(default_factory=list)
    filled: list[AdPlacement] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _page_for(edition: Edition, booking: Booking) -> PrintedPage | None:
    pages = edition.pages.all()
    if booking.page_number:
        return pages.filter(number=booking.page_number).first()
    return pages.filter(name=booking.section).order_by("number").first()


@transaction.atomic
def booking_place(*, booking: Booking, edition: Edition, user=None) -> AdPlacement:
    """Place an approved booking on its page of `edition` (idempotent)."""
    booking = Booking.objects.select_for_update().select_related("advertiser").get(pk=booking.pk)
    if not booking.date_from <= edition.date <= booking.date_to:
        raise AdDeskError(
            _("预订 %(pk)s 不包括 %(date)s") % {"pk": booking.pk, "date": edition.date}
        )
    if booking.status not in (S.APPROVED, S.PLACED, S.PUBLISHED):
        raise AdDeskError(
            _("预订 %(pk)s 状态为“%(s)s”，审核通过后才能排版")
            % {"pk": booking.pk, "s": booking.get_status_display()}
        )
    page = _page_for(edition, booking)
    if page is None:
        have = "、".join(edition.pages.order_by("number").values_list("number", flat=True)) or "无"
        raise AdDeskError(
            _("%(date)s 的报纸没有 %(where)s 版（现有：%(have)s），预订 %(pk)s 无法排入")
            % {"date": edition.date, "where": booking.where, "have": have, "pk": booking.pk}
        )
    existing = page.ad_placements.filter(position=booking.position).first()
    if existing is not None:
        if existing.booking_id == booking.pk:
            return existing
        raise AdDeskError(
            _("版位冲突：%(page)s 版 %(pos)s 已有广告“%(other)s”，预订 %(pk)s 无法排入")
            % {
                "page": page.number,
                "pos": position_label(booking.position),
                "other": existing,
                "pk": booking.pk,
            }
        )
    placement = AdPlacement.objects.create(
        page=page,
        sort_order=page.ad_placements.count(),
        kind=AdKind.COMMERCIAL,
        advertiser=booking.advertiser.name,
        text=booking.text or booking.title,
        slogan_line=booking.slogan_line if booking.text else 0,
        image=_image_of(booking),
        columns=booking.columns,
        height_mm=booking.height_mm,
        position=booking.position,
        booking=booking,
    )
    if booking.status == S.APPROVED:
        booking_transition(booking=booking, to=S.PLACED, user=user)
    audit_record(actor=user, action="booking.place", obj=placement, detail={"booking": booking.pk})
    return placement


def _image_of(booking: Booking):
    """Return a Wagtail image of the booking's newest good image artwork (None for a PDF)."""
    material = booking.materials.filter(ok=True, kind="image").first()
    if material is None or not material.file.name:
        return None
    Image = get_image_model()
    title = f"广告 {booking.pk} {booking.title}"[:255]
    found = Image.objects.filter(title=title).first()
    if found is not None:
        return found
    with material.file.open("rb") as handle:
        return Image.objects.create(
            title=title, file=ImageFile(handle, name=Path(material.file.name).name)
        )


def public_service_pick(
    *, edition: Edition, columns: int, height_mm: int, exclude: set[int]
) -> PublicServiceAd | None:
    """Choose the library piece for an unsold slot of `edition`, in rotation.

    Candidates are approved, active pieces exactly `columns` wide and no higher than the
    slot. A piece printed in the previous day's edition, or already used in this one,
    is skipped; of the rest, the one printed longest ago (never printed first) wins.
    """
    candidates = PublicServiceAd.objects.filter(
        approved=True, active=True, columns=columns, height_mm__lte=height_mm
    ).exclude(pk__in=exclude)
    yesterday = edition.date - dt.timedelta(days=1)
    ran_yesterday = AdPlacement.objects.filter(
        page__edition__paper=edition.paper,
        page__edition__date=yesterday,
        public_service_ad__isnull=False,
    ).values_list("public_service_ad_id", flat=True)
    candidates = candidates.exclude(pk__in=list(ran_yesterday))
    last_run = dict(
        AdPlacement.objects.filter(
            page__edition__paper=edition.paper,
            page__edition__date__lt=edition.date,
            public_service_ad__in=candidates,
        )
        .values_list("public_service_ad_id")
        .annotate(last=Max("page__edition__date"))
    )
    ranked = sorted(candidates, key=lambda piece: (last_run.get(piece.pk) or dt.date.min, piece.pk))
    return ranked[0] if ranked else None


@transaction.atomic
def edition_ads_place(*, edition: Edition, user=None) -> PlacementReport:
    """Place every approved booking for `edition`, then fill unsold standing slots.

    Running it again places nothing twice: a slot that already has an ad is left alone.
    Problems (a missing page, a taken slot, an empty library) are collected, not raised,
    so one bad booking does not hold up the rest of the paper.
    """
    report = PlacementReport()
    due = Booking.objects.filter(
        date_from__lte=edition.date,
        date_to__gte=edition.date,
        status__in=(S.APPROVED, S.PLACED, S.PUBLISHED),
    ).order_by("created_at", "pk")
    for booking in due:
        try:
            report.placed.append(booking_place(booking=booking, edition=edition, user=user))
        except AdDeskError as exc:
            report.problems.append(str(exc))
    waiting = Booking.objects.filter(
        date_from__lte=edition.date,
        date_to__gte=edition.date,
        status__in=(S.BOOKED, S.MATERIAL_RECEIVED),
    )
    for booking in waiting:
        report.problems.append(
            _("预订 %(pk)s（%(b)s）状态为“%(s)s”，未排入")
            % {"pk": booking.pk, "b": booking, "s": booking.get_status_display()}
        )
    used: set[int] = set(
        AdPlacement.objects.filter(
            page__edition=edition, public_service_ad__isnull=False
        ).values_list("public_service_ad_id", flat=True)
    )
    pages = {page.number: page for page in edition.pages.all()}
    for slot in AdSlot.objects.filter(active=True, page_number__in=list(pages)):
        page = pages[slot.page_number]
        if page.ad_placements.filter(position=slot.position).exists():
            continue
        piece = public_service_pick(
            edition=edition, columns=slot.columns, height_mm=slot.height_mm, exclude=used
        )
        if piece is None:
            report.problems.append(
                _("%(page)s 版 %(pos)s（%(c)s栏×%(h)s毫米）没有可轮换的公益广告，版位空着")
                % {
                    "page": page.number,
                    "pos": slot.get_position_display(),
                    "c": slot.columns,
                    "h": slot.height_mm,
                }
            )
            continue
        used.add(piece.pk)
        report.filled.append(
            AdPlacement.objects.create(
                page=page,
                sort_order=page.ad_placements.count(),
                kind=AdKind.PUBLIC_SERVICE,
                advertiser=piece.sponsor,
                text=piece.text,
                slogan_line=piece.slogan_line,
                image=piece.image,
                columns=slot.columns,
                height_mm=piece.height_mm,
                position=slot.position,
                public_service_ad=piece,
            )
        )
    audit_record(
        actor=user,
        action="edition.ads_place",
        obj=edition,
        detail={
            "placed": len(report.placed),
            "filled": len(report.filled),
            "problems": len(report.problems),
        },
    )
    return report


@transaction.atomic
def edition_ads_publish(*, edition: Edition, user=None) -> list[Booking]:
    """Mark as 已见报 the placed bookings whose last date is this edition's."""
    done = []
    for booking in Booking.objects.filter(
        status=S.PLACED, placements__page__edition=edition, date_to__lte=edition.date
    ).distinct():
        done.append(booking_transition(booking=booking, to=S.PUBLISHED, user=user))
    return done


@transaction.atomic
def page_ads_store(*, page: PrintedPage, ads: Sequence[tuple[str, Sequence[str]]]) -> None:
    """Set the ads of `page` to `ads` as printed, (kind, lines) each, replacing what it had.

    For pages that were already printed (an archive import): nothing is booked or filled.
    """
    page_ads_store_many(ads_by_page={page.pk: ads})


@transaction.atomic
def page_ads_store_many(*, ads_by_page: dict[int, Sequence[tuple[str, Sequence[str]]]]) -> None:
    """`page_ads_store` for many pages (by id) at once: one delete, one insert."""
    AdPlacement.objects.filter(page_id__in=list(ads_by_page)).delete()
    AdPlacement.objects.bulk_create(
        AdPlacement(page_id=page_id, sort_order=i, kind=kind, text="\n".join(lines))
        for page_id, ads in ads_by_page.items()
        for i, (kind, lines) in enumerate(ads)
    )
