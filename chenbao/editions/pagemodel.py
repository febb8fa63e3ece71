"""Build the layout page model (chenbao/editions/layout) from a printed page in the database.

Reads only. Each kind of block reads its own part (blocks/); a page the editor gave no
slots is arranged automatically, the way the reference page is made up.
"""

from __future__ import annotations

from collections.abc import Sequence

from chenbao.editions.blocks import SLOT_BUILDERS, PageContext, ad, story, tipline, weather
from chenbao.editions.grid import page_grid
from chenbao.editions.images import ImageCopier
from chenbao.editions.layout.arrange import arrange_page
from chenbao.editions.layout.model import Folio, Grid, Page, Slot


def folio_for(printed) -> Folio:
    edition = printed.edition
    return Folio(
        paper=edition.paper,
        date=f"{edition.date.year}年{edition.date.month}月{edition.date.day}日",
        weekday=edition.weekday,
        number=printed.number,
        name=printed.name,
        editor=printed.editor.strip(),
        designer=printed.designer.strip(),
        proofreader=printed.proofreader.strip(),
    )


def page_context(
    printed, *, base_url: str, images: ImageCopier, grid: Grid | None = None
) -> PageContext:
    """Read what `printed` holds (stories, weather, banner, ads) once, for building slots."""
    ctx = PageContext(printed=printed, base_url=base_url, images=images, grid=grid or page_grid())
    ctx.stories = story.page_stories(ctx)
    ctx.weather = weather.page_weather(printed)
    ctx.tipline = tipline.page_tipline(printed)
    ctx.ads = ad.page_ads(ctx)
    return ctx


def page_model_build(
    printed,
    *,
    base_url: str,
    images: ImageCopier,
    grid: Grid | None = None,
    rows: Sequence | None = None,
) -> Page:
    """Return the layout model of `printed`: its own slots, or the automatic arrangement.

    `rows` are PageSlot rows to lay the page out with instead of its saved ones (the page
    board's unsaved slots); an empty list means the automatic arrangement.
    """
    ctx = page_context(printed, base_url=base_url, images=images, grid=grid)
    if rows is None:
        rows = list(printed.slots.select_related("story", "ad", "image").order_by("sort_order"))
    if not rows:
        return page_automatic(ctx)
    return page_from_rows(ctx, rows)


def page_automatic(ctx: PageContext) -> Page:
    """The automatic arrangement (自动排版) of the page's contents."""
    return arrange_page(
        key=ctx.key,
        folio=folio_for(ctx.printed),
        stories=list(ctx.stories.values()),
        weather=ctx.weather,
        tipline=ctx.tipline,
        ads=list(ctx.ads.values()),
        grid=ctx.grid,
    )


def page_from_rows(ctx: PageContext, rows: Sequence) -> Page:
    """The page as the page editor's slot rows place its contents."""
    slots: list[Slot] = []
    for n, row in enumerate(rows, start=1):
        base = {
            "key": row.key or f"slot-{n}",
            "kind": row.kind,
            "col": row.column - 1,
            "span": row.span,
            "top": float(row.top_mm),
            "height": float(row.height_mm),
        }
        made = SLOT_BUILDERS[row.kind](row, base, ctx, n)
        if made is not None:
            slots.append(made)
    return Page(key=ctx.key, folio=folio_for(ctx.printed), slots=tuple(slots), grid=ctx.grid)
