"""Hand a parsed page dump (pagetext.py) to the services that store it.

Writes nothing itself: it maps the parser's dataclasses onto what the editions, stories,
weather and ads services take, and calls `editions.services.pages.page_store`.
"""

from __future__ import annotations

import datetime as dt

from chenbao.archive.dumps import DumpRead
from chenbao.archive.pagetext import ForecastDay, PageModel, Story
from chenbao.editions.blocks.tipline import Banner
from chenbao.editions.models import PrintedPage
from chenbao.editions.services.pages import ARCHIVE_NOTE, page_store
from chenbao.editions.services.printed import PrintedPageData
from chenbao.stories.services import BylineData, StoryData
from chenbao.weather.services import PrintedDay


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
    return page_store(
        date=date,
        number=number,
        name=name,
        paper=paper,
        banner=_banner(page),
        stories=[story_data(s) for s in page.stories],
        section=section,
        forecast=[_printed_day(date, day) for day in page.weather],
        ads=[(ad.kind, ad.lines) for ad in page.ads],
        unplaced=page.unplaced,
        user=user,
    )


def printed_page(read: DumpRead) -> PrintedPageData:
    """Return a dump read from the archive folder as the bulk import stores it."""
    page, dump = read.page, read.dump
    assert page is not None
    return PrintedPageData(
        date=dump.date,
        number=dump.number,
        name=dump.name,
        banner=_banner(page),
        stories=[story_data(s) for s in page.stories],
        forecast=[_printed_day(dump.date, day) for day in page.weather],
        ads=[(ad.kind, ad.lines) for ad in page.ads],
        unplaced=page.unplaced,
        section=dump.name or "要闻",
        source_file=dump.relative,
        source_sha256=read.sha256,
        figures=read.figures,
    )


def _banner(page: PageModel) -> Banner | None:
    banner = page.banner
    if banner is None:
        return None
    return Banner(
        lines=tuple(banner.lines),
        hotline=banner.hotline or "",
        reward_min=banner.reward_min,
        reward_max=banner.reward_max,
        qr_caption=banner.qr_caption or "",
    )


def _printed_day(edition_date: dt.date, day: ForecastDay) -> PrintedDay:
    return PrintedDay(
        text=day.text,
        date=_day_to_date(edition_date, day.day),
        sky=tuple(day.sky),
        wind=tuple({"direction": w.direction, "force": list(w.force)} for w in day.wind),
        wind_change=day.wind_change or "",
        gust=day.gust,
        temp_min=day.temp_min,
        temp_max=day.temp_max,
    )


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


def story_data(story: Story) -> StoryData:
    """Return the parsed story as the stories services take it."""
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
        source_note=ARCHIVE_NOTE,
    )
