"""Reader-facing views: the ninjs export and the news sitemap (newsroom pages: admin_views.py)."""

import datetime as dt

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from chenbao.stories import selectors
from chenbao.stories.ninjs import story_to_ninjs, withdrawn_ninjs

NEWS_SITEMAP_DAYS = 2
JSON_DUMPS = {"ensure_ascii": False, "indent": 2}


def story_ninjs(request, pk: int):
    """Return a published story as ninjs 2.2; a withdrawn one as pubstatus "canceled" (410)."""
    story, withdrawal = selectors.story_for_export(pk=pk)
    if story is not None:
        data = story_to_ninjs(story, url=request.build_absolute_uri(story.url))
        return JsonResponse(data, json_dumps_params=JSON_DUMPS)
    if withdrawal is not None:
        data = withdrawn_ninjs(pk, reason=withdrawal.reason)
        return JsonResponse(data, status=410, json_dumps_params=JSON_DUMPS)
    raise Http404("no such published story")


def news_sitemap(request):
    """Return the Google News sitemap: stories published in the last two days."""
    since = timezone.now() - dt.timedelta(days=NEWS_SITEMAP_DAYS)
    stories = selectors.story_live_list().filter(first_published_at__gte=since)[:1000]
    entries = [{"loc": request.build_absolute_uri(story.url), "story": story} for story in stories]
    return render(
        request,
        "stories/news_sitemap.xml",
        {"entries": entries, "paper_name": settings.CHENBAO["PAPER_NAME"]},
        content_type="application/xml; charset=utf-8",
    )
