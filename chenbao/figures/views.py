"""Reader pages (承诺, 数据) and the open data (JSON, CSV, JSON-LD): public figures only.

Every read goes through `selectors.public_figures`: confirmed figures of live stories that
were not withdrawn. Nothing here shows who confirmed or rated what.
"""

import csv

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from chenbao.figures import selectors
from chenbao.figures.chart import line_chart
from chenbao.figures.models import Indicator, Pledge
from chenbao.figures.serialize import (
    claim_review_ld,
    dataset_ld,
    indicator_data,
    ld_json,
    pledge_data,
    point_data,
)


@require_GET
def pledge_list(request):
    today = timezone.localdate()
    pledges = [(p, selectors.pledge_proposal(p, today)) for p in selectors.pledges_public()]
    return render(request, "figures/pledge_list.html", {"pledges": pledges})


@require_GET
def pledge_detail(request, pk: int):
    pledge = get_object_or_404(Pledge.objects.select_related("indicator"), pk=pk)
    today = timezone.localdate()
    timeline = selectors.indicator_timeline(pledge.indicator) if pledge.indicator else []
    chart = (
        line_chart(
            [(p.date, float(p.figure.value)) for p in timeline if p.figure.kind != "target"],
            title=pledge.title,
            unit=pledge.unit,
        )
        if pledge.indicator
        else ""
    )
    events = selectors.pledge_events_public(pledge)
    return render(
        request,
        "figures/pledge_detail.html",
        {
            "pledge": pledge,
            "proposal": selectors.pledge_proposal(pledge, today),
            "chart": chart,
            "events": [(e, f, f and selectors.epaper_page_of(f.story_id)) for e, f in events],
            "points": [(p, selectors.epaper_page_of(p.figure.story_id)) for p in timeline],
            "jsonld": ld_json(claim_review_ld(request, pledge, events)),
        },
    )


@require_GET
def indicator_detail(request, slug: str):
    indicator = get_object_or_404(Indicator, slug=slug)
    timeline = selectors.indicator_timeline(indicator)
    chart = line_chart(
        [(p.date, float(p.figure.value)) for p in timeline],
        title=str(indicator),
        unit=indicator.unit,
    )
    return render(
        request,
        "figures/indicator_detail.html",
        {
            "indicator": indicator,
            "chart": chart,
            "points": [(p, selectors.epaper_page_of(p.figure.story_id)) for p in timeline],
            "jsonld": ld_json(dataset_ld(request, indicator)),
        },
    )


@require_GET
def indicator_csv(request, slug: str):
    indicator = get_object_or_404(Indicator, slug=slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="indicator-{indicator.pk}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV as such only with the BOM
    writer = csv.writer(response)
    writer.writerow(["日期", "原文", "数值", "单位", "类型", "时间", "稿件", "网址"])
    for p in selectors.indicator_timeline(indicator):
        row = point_data(request, p)
        writer.writerow(
            [
                row["date"],
                row["text"],
                row["value"],
                row["unit"],
                row["kind"],
                row["period"],
                row["story"],
                row["url"],
            ]
        )
    return response


@require_GET
def api_indicators(request):
    return JsonResponse(
        {"indicators": [indicator_data(request, i) for i in Indicator.objects.all()]}
    )


@require_GET
def api_indicator(request, slug: str):
    indicator = get_object_or_404(Indicator, slug=slug)
    data = indicator_data(request, indicator)
    data["values"] = [point_data(request, p) for p in selectors.indicator_timeline(indicator)]
    return JsonResponse(data)


@require_GET
def api_pledges(request):
    today = timezone.localdate()
    return JsonResponse(
        {"pledges": [pledge_data(request, p, today) for p in selectors.pledges_public()]}
    )


@require_GET
def api_pledge(request, pk: int):
    pledge = Pledge.objects.filter(pk=pk).select_related("indicator").first()
    if pledge is None:
        raise Http404("no such pledge")
    data = pledge_data(request, pledge, timezone.localdate())
    data["timeline"] = [
        {
            "status": e.status,
            "status_label": e.get_status_display(),
            "note": e.note,
            "at": e.at.isoformat(),
            "evidence": f and f.text,
            "story_url": f and request.build_absolute_uri(f.story.url),
        }
        for e, f in selectors.pledge_events_public(pledge)
    ]
    return JsonResponse(data)
