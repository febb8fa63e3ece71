"""The ad block (广告, 公益广告): an ad placed on the page. Typst part: typst/ad.typ.

Bookings and public-service fill are the ad desk's (chenbao/ads); this module sets what
was placed.
"""

from __future__ import annotations

from chenbao.editions.blocks.base import PageContext
from chenbao.editions.images import ImageCopier
from chenbao.editions.layout.model import AdContent, Slot

PUBLIC_SERVICE_LABEL = "公益广告"


def ad_content(ad, *, images: ImageCopier, page: str, slot: str) -> AdContent:
    """Return the printed form of an AdPlacement."""
    from chenbao.ads.models import AdKind

    lines = ad.lines
    public = ad.kind == AdKind.PUBLIC_SERVICE
    label = PUBLIC_SERVICE_LABEL if public else ""
    # A last line ending in 公益广告 is the ad's label, printed small in its corner.
    if lines and lines[-1].endswith(PUBLIC_SERVICE_LABEL):
        label = lines[-1]
        lines = lines[:-1]
    slogan = ad.slogan_line - 1  # booked 1-based; 0 (the shortest line) becomes -1
    return AdContent(
        key=slot,
        lines=tuple(lines),
        label=label,
        public_service=public,
        image=images.copy(ad.image, page=page, slot=slot),
        slogan=slogan if 0 <= slogan < len(lines) else -1,
    )


def page_ads(ctx: PageContext) -> dict[int, tuple[AdContent, int, float]]:
    """Return the page's ads, in order, by placement: (content, columns, height in mm)."""
    return {
        ad.pk: (
            ad_content(ad, images=ctx.images, page=ctx.key, slot=f"ad-{i}"),
            ad.columns,
            ad.height_mm,
        )
        for i, ad in enumerate(ctx.printed.ad_placements.all(), start=1)
    }


def slot(row, base: dict, ctx: PageContext, n: int) -> Slot | None:
    """The slot of a placed ad; an ad no longer on the page is left out."""
    if row.ad_id not in ctx.ads:
        return None
    return Slot(**base, ad=ctx.ads[row.ad_id][0])


def web(slot: Slot) -> dict:
    ad = slot.ad
    assert ad is not None
    return {
        "lines": list(ad.lines),
        "label": ad.label,
        "public_service": ad.public_service,
        "slogan": ad.slogan,
    }
