"""Build the layout page model (chenbao/editions/layout) from a printed page in the database.

Reads only. Images are checked with Pillow and copied into the engine's working
directory; one that cannot be read is left out and reported, naming page and slot.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import segno
from django.conf import settings
from PIL import Image, UnidentifiedImageError

from chenbao.ads.models import AdKind
from chenbao.editions.layout.arrange import (
    Problem,
    arrange_page,
    headline_size,
    largest_headline,
    weather_day,
)
from chenbao.editions.layout.model import (
    AdContent,
    Block,
    Folio,
    Grid,
    Page,
    Slot,
    StoryContent,
    TiplineContent,
    WeatherContent,
)
from chenbao.editions.models import PrintedPage
from chenbao.editions.selectors import placements_shown

PUBLIC_SERVICE_LABEL = "公益广告"


def folio_for(printed: PrintedPage) -> Folio:
    edition = printed.edition
    return Folio(
        paper=edition.paper,
        date=f"{edition.date.year}年{edition.date.month}月{edition.date.day}日",
        weekday=edition.weekday,
        number=printed.number,
        name=printed.name,
    )


class ImageCopier:
    """Copy images into the render root, checking each one can be read."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.problems: list[Problem] = []

    def copy(self, image, *, page: str, slot: str) -> str:
        """Return the image's path relative to the render root, or "" when unreadable."""
        if image is None:
            return ""
        name = getattr(image, "title", "") or "图片"
        try:
            with image.file.open("rb") as fh:
                data = fh.read()
            with Image.open(io.BytesIO(data)) as im:
                im.verify()
                fmt = (im.format or "png").lower()
        except (OSError, UnidentifiedImageError, ValueError) as exc:
            self.problems.append(
                Problem(
                    page,
                    slot,
                    "image",
                    f"{page}版 {slot}：图片《{name}》无法读取（{type(exc).__name__}），已略去该图",
                )
            )
            return ""
        digest = hashlib.sha256(data).hexdigest()[:16]
        target = self.root / "img" / f"{digest}.{'jpg' if fmt == 'jpeg' else fmt}"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.write_bytes(data)
        return "/" + str(target.relative_to(self.root))


def story_content(story, *, base_url: str, images: ImageCopier, page: str, slot: str):
    """Return the printed form of a StoryPage."""
    blocks: list[Block] = []
    for block in story.body:
        if block.block_type == "paragraph":
            blocks.append(Block("paragraph", str(block.value)))
        elif block.block_type == "subhead":
            blocks.append(Block("subhead", str(block.value)))
        elif block.block_type == "image":
            value = block.value
            credit = value.get("credit") or {}
            credit_text = " ".join(x for x in (credit.get("role"), credit.get("name")) if x)
            path = images.copy(value.get("image"), page=page, slot=slot)
            caption = value.get("caption") or ""
            if path or caption:
                blocks.append(Block("image", caption, image=path, credit=credit_text))
    bylines = story.byline_text()
    url = story.get_url() or ""
    if url.startswith("/"):
        url = base_url.rstrip("/") + url
    return StoryContent(
        key=f"story-{story.pk}",
        headline=story.title,
        kicker=story.kicker,
        subtitle=story.subtitle,
        dateline=story.dateline,
        blocks=tuple(blocks),
        bylines=bylines,
        url=url,
    )


def page_model_build(
    printed: PrintedPage, *, base_url: str, images: ImageCopier, grid: Grid | None = None
) -> Page:
    """Return the layout model of `printed`: its own slots, or the automatic arrangement."""
    key = printed.number
    placements = list(placements_shown(page=printed))
    stories = {
        p.story_id: story_content(
            p.story.specific, base_url=base_url, images=images, page=key, slot=f"story-{i}"
        )
        for i, p in enumerate(placements, start=1)
    }
    days = list(printed.forecast_days.all())
    weather = WeatherContent("天气预报", tuple(weather_day(d.text) for d in days)) if days else None
    tipline = None
    if printed.has_tipline:
        lines = printed.tipline_line_list
        hot = [
            line for line in lines if printed.tipline_hotline and printed.tipline_hotline in line
        ]
        rest = [line for line in lines if line not in hot and line != printed.tipline_qr_caption]
        qr_modules: tuple[str, ...] = ()
        if printed.tipline_qr_url:
            qr = segno.make(printed.tipline_qr_url, error="m")
            qr_modules = tuple(
                "".join("1" if dark else "0" for dark in row) for row in qr.matrix_iter(border=0)
            )
        tipline = TiplineContent(
            hotline=printed.tipline_hotline,
            lines=tuple(hot + rest),
            qr_modules=qr_modules,
            qr_caption=printed.tipline_qr_caption,
            qr_url=printed.tipline_qr_url,
        )
    ads = []
    for i, ad in enumerate(printed.ad_placements.all(), start=1):
        ads.append(
            (ad_content(ad, images=images, page=key, slot=f"ad-{i}"), ad.columns, ad.height_mm)
        )

    explicit = list(printed.slots.select_related("story", "ad").order_by("sort_order"))
    if not explicit:
        return arrange_page(
            key=key,
            folio=folio_for(printed),
            stories=list(stories.values()),
            weather=weather,
            tipline=tipline,
            ads=ads,
            grid=grid,
        )
    grid = grid or Grid()
    slots: list[Slot] = []
    ad_by_pk = {
        ad.pk: content
        for ad, (content, _c, _h) in zip(printed.ad_placements.all(), ads, strict=True)
    }
    for n, s in enumerate(explicit, start=1):
        base = {
            "key": s.key or f"slot-{n}",
            "kind": s.kind,
            "col": s.column - 1,
            "span": s.span,
            "top": float(s.top_mm),
            "height": float(s.height_mm),
        }
        if s.kind == "story":
            story = stories.get(s.story_id) if s.story_id else None
            if story is None and s.story_id and not s.story.is_withdrawn:
                story = story_content(
                    s.story.specific, base_url=base_url, images=images, page=key, slot=base["key"]
                )
            width = grid.span_width(max(1, s.span))
            size = (
                headline_size(story.headline, width, largest=largest_headline(s.span, n == 1))
                if story
                else 0
            )
            slots.append(
                Slot(**base, story=story, body_columns=s.body_columns or s.span, headline_size=size)
            )
        elif s.kind == "weather":
            slots.append(Slot(**base, weather=weather or WeatherContent("天气预报", ())))
        elif s.kind == "tipline":
            slots.append(Slot(**base, tipline=tipline or TiplineContent("", ())))
        elif s.kind == "ad" and s.ad_id in ad_by_pk:
            slots.append(Slot(**base, ad=ad_by_pk[s.ad_id]))
    return Page(key=key, folio=folio_for(printed), slots=tuple(slots), grid=grid)


def ad_content(ad, *, images: ImageCopier, page: str, slot: str) -> AdContent:
    lines = ad.lines
    public = ad.kind == AdKind.PUBLIC_SERVICE
    label = PUBLIC_SERVICE_LABEL if public else ""
    # A last line ending in 公益广告 is the ad's label, printed small in its corner.
    if lines and lines[-1].endswith(PUBLIC_SERVICE_LABEL):
        label = lines[-1]
        lines = lines[:-1]
    return AdContent(
        key=slot,
        lines=tuple(lines),
        label=label,
        public_service=public,
        image=images.copy(ad.image, page=page, slot=slot),
    )


def default_base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL
