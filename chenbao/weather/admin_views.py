"""The weather desk page in the newsroom (/admin/weather/): status, overrides, box fill."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from chenbao.core.access import Action, role_required
from chenbao.editions.models import PrintedPage
from chenbao.weather import selectors, services
from chenbao.weather.models import Forecast


@role_required(Action.WEATHER_DESK)
def desk(request):
    """Show whether the forecast is fresh, let the editor reword a day, fill a page's box."""
    if request.method == "POST":
        try:
            if "forecast" in request.POST:
                forecast = get_object_or_404(Forecast, pk=request.POST["forecast"])
                services.forecast_override(
                    forecast=forecast, text=request.POST.get("text", ""), user=request.user
                )
                messages.success(request, _("已保存 %(date)s 的预报文字") % {"date": forecast.date})
            elif "page" in request.POST:
                _fill(request)
        except services.WeatherError as exc:
            messages.error(request, str(exc))
        return redirect(request.path)
    status = selectors.weather_status()
    return render(
        request,
        "weather/desk.html",
        {
            "page_title": _("天气预报"),
            "header_icon": "site",
            "status": status,
            "forecasts": selectors.forecast_list()[:14],
            "fetches": _recent_fetches(),
        },
    )


def _recent_fetches():
    from chenbao.weather.models import ForecastFetch

    return ForecastFetch.objects.order_by("-at", "-id")[:5]


def _fill(request) -> None:
    try:
        date = dt.date.fromisoformat(request.POST.get("date", ""))
    except ValueError:
        raise services.WeatherError(_("请填写出版日期，如 2022-12-02")) from None
    number = request.POST.get("page", "").strip().upper()
    page = PrintedPage.objects.filter(edition__date=date, number=number).first()
    if page is None:
        raise services.WeatherError(_("%(date)s 没有 %(page)s 版") % {"date": date, "page": number})
    days = services.forecast_box_fill(page=page, user=request.user)
    messages.success(
        request,
        _("%(page)s 版天气预报已更新：%(text)s")
        % {"page": page, "text": " / ".join(d.text for d in days)},
    )
