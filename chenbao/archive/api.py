"""/api/v1/search?q=…: the archive search for apps and partners, answering ninjs summaries.

Written as a plain Django view (django-ninja was not on main when this was written); it
takes the same parameters as the reader's /search/ page and answers JSON:
`{"total": N, "offset": 0, "limit": 20, "items": [ninjs 2.2, representationtype "partial"]}`.
Only published, not withdrawn stories are found.
"""

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from chenbao.archive.forms import MAX_PAGE, PER_PAGE, SearchForm
from chenbao.archive.search.engine import SearchUnavailable
from chenbao.archive.search.services import UNAVAILABLE, SearchHit, story_search
from chenbao.stories.ninjs import NINJS_STANDARD, story_uri


def hit_ninjs(hit: SearchHit, *, base: str) -> dict:
    """A hit as a ninjs 2.2 summary: headlines, date, bylines, the snippet, the web link."""
    headlines = [{"role": "main", "value": hit.title}]
    if hit.kicker:
        headlines.insert(0, {"role": "kicker", "value": hit.kicker})
    if hit.subtitle:
        headlines.append({"role": "subtitle", "value": hit.subtitle})
    item: dict = {
        "uri": story_uri(hit.id),
        "standard": NINJS_STANDARD,
        "type": "text",
        "representationtype": "partial",
        "pubstatus": "usable",
        "language": "zh-Hans",
        "copyrightholder": settings.CHENBAO["PAPER_NAME"],
        "headlines": headlines,
        "descriptions": [{"role": "summary", "contenttype": "text/html", "value": hit.snippet}],
    }
    if hit.date:
        item["contentcreated"] = hit.date.isoformat() + "T06:00:00+08:00"
    if hit.bylines:
        item["people"] = [{"name": name, "rel": "author"} for name in hit.bylines]
        item["by"] = " ".join(hit.bylines)
    if hit.section:
        item["subjects"] = [{"name": hit.section, "rel": "section"}]
    if hit.page:
        item["altids"] = [{"role": "printed-page", "value": f"{hit.date} {hit.page}"}]
    if hit.url:
        href = hit.url if hit.url.startswith("http") else base + hit.url
        item["renditions"] = [{"name": "web", "href": href, "contenttype": "text/html"}]
    return item


@require_GET
def search(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        return JsonResponse({"error": "检索参数有误", "fields": errors}, status=400)
    query = form.cleaned_data["q"]
    if not query:
        return JsonResponse({"error": "请提供检索词 q", "fields": {"q": ["必填"]}}, status=400)
    number = form.cleaned_data["p"] or 1
    try:
        result = story_search(
            query=query,
            filters=form.filters(),
            limit=PER_PAGE,
            offset=(number - 1) * PER_PAGE,
            request=request,
        )
    except SearchUnavailable:
        return JsonResponse({"error": str(UNAVAILABLE)}, status=503)
    base = request.build_absolute_uri("/").rstrip("/")
    return JsonResponse(
        {
            "total": result.total,
            "offset": result.offset,
            "limit": result.limit,
            "max_pages": MAX_PAGE,
            "items": [hit_ninjs(hit, base=base) for hit in result.hits],
        },
        json_dumps_params={"ensure_ascii": False},
    )
