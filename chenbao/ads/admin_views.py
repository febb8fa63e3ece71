"""The ad desk's pages in the newsroom (under /admin/ads/): schedule, revenue, a booking."""

import csv
import datetime as dt

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from chenbao.ads import selectors, services
from chenbao.ads.models import Booking, BookingStatus, Position
from chenbao.core.access import Action, require
from chenbao.editions.models import Edition


def _date(raw: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        return timezone.localdate()


def schedule(request):
    """The day's ad schedule for page editors; POST places the edition's ads."""
    require(request.user, Action.AD_SCHEDULE)
    date = _date(request.POST.get("date") or request.GET.get("date"))
    if request.method == "POST":
        edition = Edition.objects.filter(date=date).order_by("paper").first()
        if edition is None:
            messages.error(request, _("%(date)s 还没有报纸期次") % {"date": date})
        else:
            report = services.edition_ads_place(edition=edition, user=request.user)
            messages.success(
                request,
                _("已排入 %(p)s 条预订广告，补位 %(f)s 条公益广告")
                % {"p": len(report.placed), "f": len(report.filled)},
            )
            for problem in report.problems:
                messages.warning(request, problem)
        return redirect(f"{request.path}?date={date.isoformat()}")
    lines = selectors.schedule_day(date=date)
    positions = dict(Position.choices)
    return render(
        request,
        "ads/schedule.html",
        {
            "page_title": _("广告排期"),
            "header_icon": "date",
            "date": date,
            "lines": [(line, positions.get(line.position, line.position)) for line in lines],
            "previous": date - dt.timedelta(days=1),
            "next": date + dt.timedelta(days=1),
        },
    )


def revenue(request):
    """The month's ad revenue, as a page or (format=csv) a spreadsheet."""
    require(request.user, Action.AD_REVENUE)
    today = timezone.localdate()
    try:
        year, month = (int(x) for x in request.GET.get("month", "").split("-"))
        dt.date(year, month, 1)
    except ValueError:
        year, month = today.year, today.month
    report = selectors.revenue_month(year=year, month=month)
    if request.GET.get("format") == "csv":
        return _revenue_csv(report)
    return render(
        request,
        "ads/revenue.html",
        {"page_title": _("广告收入月报"), "header_icon": "table", "report": report},
    )


def _revenue_csv(report) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"ad-revenue-{report.year}-{report.month:02d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so spreadsheet programs read the Chinese as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            "预订号",
            "广告客户",
            "广告名称",
            "版号/版名",
            "起始日期",
            "结束日期",
            "状态",
            "本月天数",
            "本月金额（元）",
        ]
    )
    for row in report.rows:
        b = row.booking
        writer.writerow(
            [
                b.pk,
                b.advertiser.name,
                b.title,
                b.where,
                b.date_from,
                b.date_to,
                b.get_status_display(),
                row.days,
                row.amount,
            ]
        )
    writer.writerow(["", "合计", "", "", "", "", "", "", report.total])
    return response


def booking_detail(request, pk: int):
    """One booking: its artwork and checks, and the moves its status may make."""
    require(request.user, Action.AD_BOOKING)
    booking = get_object_or_404(Booking.objects.select_related("advertiser"), pk=pk)
    if request.method == "POST":
        try:
            if request.FILES.get("material"):
                material = services.material_add(
                    booking=booking, upload=request.FILES["material"], user=request.user
                )
                if material.ok:
                    messages.success(request, _("稿件检查通过"))
                else:
                    messages.warning(request, _("稿件已保存，但未通过检查：") + material.problems)
            elif request.POST.get("to"):
                services.booking_transition(
                    booking=booking, to=request.POST["to"], user=request.user
                )
                messages.success(request, _("状态已更新"))
        except services.AdDeskError as exc:
            messages.error(request, str(exc))
        return redirect(request.path)
    labels = dict(BookingStatus.choices)
    return render(
        request,
        "ads/booking.html",
        {
            "page_title": str(booking),
            "header_icon": "doc-full",
            "booking": booking,
            "materials": booking.materials.all(),
            "moves": [(to, labels[to]) for to in services.BOOKING_TRANSITIONS[booking.status]],
            "placements": booking.placements.select_related("page__edition"),
        },
    )


class BookingForm(forms.ModelForm):
    class Meta:
        model = Booking
        fields = [
            "advertiser",
            "title",
            "text",
            "slogan_line",
            "date_from",
            "date_to",
            "page_number",
            "section",
            "position",
            "columns",
            "height_mm",
            "price",
        ]
        widgets = {
            "date_from": forms.DateInput(attrs={"type": "date"}),
            "date_to": forms.DateInput(attrs={"type": "date"}),
            "text": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_to"].required = False
        self.fields["slogan_line"].required = False


def bookings(request):
    """Recent bookings, and a form to take a new one (through services.booking_create)."""
    require(request.user, Action.AD_BOOKING)
    form = BookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.booking_create(**form.cleaned_data, user=request.user)
        except services.AdDeskError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("已预订：%(b)s") % {"b": booking})
            return redirect("ads_booking", pk=booking.pk)
    recent = Booking.objects.select_related("advertiser").order_by("-created_at", "-pk")[:50]
    return render(
        request,
        "ads/bookings.html",
        {"page_title": _("广告预订"), "header_icon": "list-ul", "form": form, "bookings": recent},
    )
