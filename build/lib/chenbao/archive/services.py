"""Store a parsed page dump (archive/pagetext.py) into an edition."""

import datetime as dt

from django.conf import settings
from django.db import transaction

from chenbao.ads.models import AdKind, AdPlacement
from chenbao.archive.pagetext import PageModel, Story
from chenbao.core.services import audit_record
from chenbao.editions.models import Edition, PrintedPage, StoryPlacement
from chenbao.stories.models import StoryPage
from chenbao.stories.services import (
    BylineData,
    StoryData,
    section_get_or_create,
    story_save_published,
)
from chenbao.weather.models import PrintedForecastDay

IMPORT_NOTE = "由旧版数字报文本导入"


@transaction.atomic
def page_import(
    *,
    page: PageModel,
    date: dt.date,
    number: str,
    name: str = "",
    section: str = "要闻",
    paper: str | None = None,
    user=None,
) -> PrintedPage:
    """Store `page` as page `number` of the edition of `date`, replacing what was there.

    Re-importing the same page updates it in place: stories keep their URLs, nothing
    is duplicated, and stories the new text no longer has are removed.
    """
    edition, _ = Edition.objects.get_or_create(
        paper=paper or settings.CHENBAO["PAPER_NAME"], date=date
    )
    printed, _ = PrintedPage.objects.get_or_create(edition=edition, number=number.upper())
    if name:
        printed.name = name
    _banner_fill(printed, page)
    printed.unplaced_text = "\n".join(page.unplaced)
    printed.save()

    printed.forecast_days.all().delete()
    for i, day in enumerate(page.weather):
        PrintedForecastDay.objects.create(
            page=printed,
            sort_order=i,
            date=_day_to_date(edition.date, day.day),
            text=day.text,
            sky=list(day.sky),
            wind=[{"direction": w.direction, "force": list(w.force)} for w in day.wind],
            wind_change=day.wind_change or "",
            gust=day.gust,
            temp_min=day.temp_min,
            temp_max=day.temp_max,
        )

    printed.ad_placements.all().delete()
    for i, ad in enumerate(page.ads):
        AdPlacement.objects.create(
            page=printed,
            sort_order=i,
            kind=AdKind.PUBLIC_SERVICE if ad.kind == "public_service" else AdKind.COMMERCIAL,
            text="\n".join(ad.lines),
        )

    _stories_replace(printed, page.stories, section=section, user=user)
    audit_record(
        actor=user,
        action="page.import",
        obj=printed,
        detail={"stories": len(page.stories), "unplaced": len(page.unplaced)},
    )
    return printed


def _banner_fill(printed: PrintedPage, page: PageModel) -> None:
    banner = page.banner
    printed.tipline_hotline = (banner.hotline or "") if banner else ""
    printed.tipline_reward_min = banner.reward_min if banner else None
    printed.tipline_reward_max = banner.reward_max if banner else None
    printed.tipline_qr_caption = (banner.qr_caption or "") if banner else ""
    printed.tipline_lines = "\n".join(banner.lines) if banner else ""
    if banner and not printed.tipline_qr_url:
        printed.tipline_qr_url = settings.CHENBAO["TIPLINE_URL"]


def _day_to_date(edition_date: dt.date, day: int) -> dt.date | None:
    """Return the date of day-of-month `day` on or after the edition's date."""
    for months_ahead in (0, 1):
        year = edition_date.year + (edition_date.month + months_ahead - 1) // 12
        month = (edition_date.month + months_ahead - 1) % 12 + 1
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= edition_date - dt.timedelta(days=1):
            return candidate
    return None


def _stories_replace(printed: PrintedPage, stories: list[Story], *, section: str, user) -> None:
    section_page = section_get_or_create(name=section)
    prefix = f"{printed.edition.date:%Y-%m-%d}-{printed.number.lower()}-"
    old_ids = set(printed.story_placements.values_list("story_id", flat=True))
    printed.story_placements.all().delete()
    kept: set[int] = set()
    for i, story in enumerate(stories, start=1):
        saved = story_save_published(
            section=section_page, slug=f"{prefix}{i}", data=_story_data(story), user=user
        )
        StoryPlacement.objects.create(page=printed, story=saved, sort_order=i)
        kept.add(saved.pk)
    for stale in StoryPage.objects.filter(pk__in=old_ids - kept, source_note=IMPORT_NOTE):
        stale.delete()


def _story_data(story: Story) -> StoryData:
    body: list[tuple[str, object]] = [(block.type, block.text) for block in story.body]
    for caption in story.captions:
        credit = caption.credit
        body.append(
            (
                "image",
                {
                    "image": None,
                    "caption": caption.text,
                    "credit": {"role": credit.role, "name": credit.name} if credit else {},
                },
            )
        )
    return StoryData(
        headline=story.headline,
        kicker=story.kicker or "",
        subtitle=story.subtitle or "",
        dateline=story.dateline or "",
        body=tuple(body),
        bylines=tuple(BylineData(b.role, b.name, b.org or "") for b in story.bylines),
        source_note=IMPORT_NOTE,
    )
