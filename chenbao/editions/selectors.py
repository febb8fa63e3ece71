"""Reads of editions and their pages: what a page needs, proofs, and what was published."""

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from chenbao.editions import epaper
from chenbao.editions.models import (
    Edition,
    PrintedPage,
    ProofRound,
    ProofRoundNumber,
    StoryPlacement,
)
from chenbao.editions.storage import publish_storage, published_url


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


def page_can_go_to_print(page) -> tuple[bool, list[str]]:
    """Return whether a printed page may go to print, and every reason it may not.

    A page goes to print when each of its stories has passed 终审 with the text now
    live, and its proof has had three rounds (一校, 二校, 三校).
    """
    from chenbao.stories.selectors import story_passed_final_review

    reasons: list[str] = []
    placements = page.story_placements.select_related("story").order_by("sort_order")
    for placement in placements:
        if not story_passed_final_review(story=placement.story):
            reasons.append(_("《%(title)s》未通过终审") % {"title": placement.story.title})
    done = set(ProofRound.objects.filter(page=page).values_list("number", flat=True))
    for number, label in ProofRoundNumber.choices:
        if number not in done:
            reasons.append(_("尚未%(round)s") % {"round": label})
    return (not reasons, reasons)


def page_is_archive(page) -> bool:
    """Whether `page` is an archive import (every story on it came from an old dump).

    Such a page is published as imported: it was printed long ago, so 三审 and 三校 are not
    asked of it again.
    """
    from chenbao.editions.services.pages import ARCHIVE_NOTE

    notes = list(page.story_placements.values_list("story__source_note", flat=True))
    return (
        bool(notes)
        and all(note == ARCHIVE_NOTE for note in notes)
        or bool(page.source_file and not notes)
    )


def printed_pages_recent(*, limit: int = 40):
    """Return the printed pages of the most recent editions, newest first."""
    return (
        PrintedPage.objects.select_related("edition", "print_release")
        .prefetch_related("proof_rounds")
        .order_by("-edition__date", "number")[:limit]
    )


def published_manifest(*, date: dt.date) -> dict | None:
    """Return the published manifest of the edition of `date`, or None (read from storage)."""
    return epaper.manifest_read(publish_storage(), f"{date:%Y-%m-%d}")


def published_page(*, date: dt.date, number: str) -> dict | None:
    """Return the manifest entry of page `number`, with its file URLs, or None."""
    manifest = published_manifest(date=date)
    if not manifest or number not in manifest.get("pages", {}):
        return None
    page = dict(manifest["pages"][number])
    for key in ("png", "pdf", "thumb", "html"):
        page[f"{key}_url"] = published_url(f"{date:%Y-%m-%d}/{page[key]}")
    return page
