"""Reads of editions and their pages, with what a page view needs fetched up front."""

import datetime as dt

from django.db.models import Prefetch, QuerySet

from chenbao.editions.models import Edition, PrintedPage, StoryPlacement


def edition_latest() -> Edition | None:
    """Return the newest edition that has at least one page."""
    return Edition.objects.filter(pages__isnull=False).order_by("-date").first()


def edition_get(*, date: dt.date) -> Edition | None:
    return Edition.objects.filter(date=date).order_by("paper").first()


def edition_list() -> QuerySet[Edition]:
    return Edition.objects.filter(pages__isnull=False).distinct().order_by("-date")


def page_list(*, edition: Edition) -> QuerySet[PrintedPage]:
    return edition.pages.order_by("number")


def placements_shown(*, page: PrintedPage | None = None) -> QuerySet[StoryPlacement]:
    """Return the story placements readers may see: withdrawn stories (撤稿) are left out."""
    placements = StoryPlacement.objects.filter(story__withdrawal__isnull=True)
    if page is not None:
        placements = placements.filter(page=page)
    return placements.select_related("story").order_by("sort_order")


def page_with_content(*, edition: Edition, number: str) -> PrintedPage | None:
    """Return page `number` of `edition` with its shown stories, bylines, weather and ads."""
    placements = placements_shown().prefetch_related("story__bylines__contributor")
    return (
        edition.pages.filter(number=number.upper())
        .prefetch_related(
            Prefetch("story_placements", queryset=placements),
            "forecast_days",
            "ad_placements",
        )
        .first()
    )
