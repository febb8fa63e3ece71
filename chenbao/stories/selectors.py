"""Reads of stories: what the site, feeds, exports and the print desk need."""

from django.db.models import QuerySet

from chenbao.core.access import Action, may
from chenbao.stories.models import (
    ReviewDecision,
    ReviewLevel,
    ReviewSlipEntry,
    SectionPage,
    StoryNotice,
    StoryPage,
    StoryWithdrawal,
)


def story_live_list(*, section: SectionPage | None = None) -> QuerySet[StoryPage]:
    """Return the published stories (newest first), with bylines and corrections fetched."""
    stories = StoryPage.objects.live().filter(withdrawal__isnull=True)
    if section is not None:
        stories = stories.child_of(section)
    return stories.order_by("-first_published_at", "-pk").prefetch_related(
        "bylines__contributor", "corrections"
    )


def section_by_slug(*, slug: str) -> SectionPage | None:
    return SectionPage.objects.live().filter(slug=slug).first()


def story_for_export(*, pk: int) -> tuple[StoryPage | None, StoryWithdrawal | None]:
    """Return (the live story, None), or (None, its withdrawal) if it was withdrawn."""
    story = story_live_list().filter(pk=pk).first()
    if story is not None:
        return story, None
    return None, StoryWithdrawal.objects.filter(story_id=pk).first()


def review_slip(*, story: StoryPage) -> QuerySet[ReviewSlipEntry]:
    """Return the story's review slip (审稿单), oldest decision first."""
    return ReviewSlipEntry.objects.filter(story=story).order_by("at", "id")


def story_passed_final_review(*, story: StoryPage) -> bool:
    """Return whether the story's newest text is the text that passed 终审.

    A story scheduled for the web later still counts: print does not wait for the site.
    """
    if story.is_withdrawn:
        return False
    last = (
        ReviewSlipEntry.objects.filter(story=story, level=ReviewLevel.FINAL)
        .order_by("-at", "-id")
        .first()
    )
    return bool(
        last
        and last.decision == ReviewDecision.PASS
        and last.revision_id is not None
        and last.revision_id == story.latest_revision_id
    )


def notices_unread(*, user, limit: int = 20) -> list[StoryNotice]:
    return list(
        StoryNotice.objects.filter(recipient=user, read_at__isnull=True)
        .select_related("story")
        .order_by("-created_at", "-id")[:limit]
    )


def user_may_see_review_slip(*, user, story: StoryPage) -> bool:
    """Return whether `user` may read the story's review slip: its author and the reviewers."""
    if not getattr(user, "is_authenticated", False):
        return False
    return story.owner_id == user.pk or may(user, Action.STORY_REVIEW_SLIP)


def withdrawal_list(*, limit: int = 200) -> QuerySet[StoryWithdrawal]:
    """Return withdrawals, newest first, with their stories and who withdrew them."""
    return StoryWithdrawal.objects.select_related("story", "withdrawn_by").order_by(
        "-withdrawn_at"
    )[:limit]


def story_printed_nav(story) -> dict | None:
    """Where `story` was printed, for its page: 返回本版 (the e-paper page, the story's area
    highlighted), 上一篇/下一篇 in the edition's reading order, and the print page's PDF.

    Read from the published manifest of the story's edition (the one e-paper), so the links
    go only where readers can follow them: None when the story was not printed or its
    edition is not public yet (decision 0020).
    """
    from django.urls import reverse

    from chenbao.editions.epaper import manifest_read
    from chenbao.editions.storage import publish_storage, published_url

    placement = story.placements.select_related("page__edition").first()
    if placement is None:
        return None
    folder = placement.page.edition.date.isoformat()
    manifest = manifest_read(publish_storage(), folder)
    if not manifest or not manifest.get("finished", True):
        return None
    pages = [manifest["pages"][n] for n in sorted(manifest["pages"])]
    order = [(page, area) for page in pages for area in page.get("areas", []) if area["url"]]
    key = f"story-{story.pk}"
    at = next((i for i, (_page, area) in enumerate(order) if area["story"] == key), None)
    if at is None:
        return None
    page = order[at][0]

    def link(i: int) -> dict | None:
        if not 0 <= i < len(order):
            return None
        other_page, area = order[i]
        return {"title": area["title"], "url": area["url"], "page": other_page["number"]}

    return {
        "page_url": reverse("site:page", args=[folder, page["number"]]) + f"#area-{key}",
        "page": page["number"],
        "page_name": page.get("name", ""),
        "pdf_url": published_url(f"{folder}/{page['pdf']}"),
        "previous": link(at - 1),
        "next": link(at + 1),
    }
