"""Automatic page arrangement (自动排版) and the checks every arrangement must pass.

`arrange_page` places a page's stories, weather box, tip-line banner and ads on the grid
the way the reference page has them: the lead story over four columns with the weather
and the banner beside it, the next stories full width below, the ads at the foot.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from chenbao.editions.layout.model import (
    PT_PER_MM,
    AdContent,
    Folio,
    Grid,
    Page,
    Slot,
    StoryContent,
    TiplineContent,
    WeatherContent,
    WeatherDay,
)

RULE_GAP = 5.0  # millimetres between rows, with a rule in the middle


@dataclass(frozen=True)
class Problem:
    """Something wrong with one slot, reported to the page editor (in Chinese)."""

    page: str
    slot: str
    kind: str  # "off_page" | "overset" | "overlap" | "image" | "font" | "unbalanced"
    message: str
    chars: int = 0


def headline_size(headline: str, width_mm: float, *, largest: float) -> float:
    """Return a headline size in points that fits `headline` on one line of `width_mm`."""
    chars = max(1, len(headline.replace(" ", "")) + headline.count(" ") // 2)
    fit = width_mm * PT_PER_MM * 0.96 / chars
    return round(max(12.0, min(largest, fit)), 1)


def largest_headline(span: int, lead: bool) -> float:
    """The largest headline size for a story `span` columns wide."""
    sizes = {6: 40.0, 5: 36.0, 4: 32.0, 3: 24.0, 2: 18.0, 1: 14.0}
    size = sizes.get(span, 40.0)
    return size if lead or span < 4 else size - 4


_WEATHER_SPLIT = re.compile(r"[,，]")


def weather_day(text: str) -> WeatherDay:
    """Split a printed forecast ("2日,多云,南风2~3级,-6~5℃") into its parts for the box."""
    parts = [p.strip() for p in _WEATHER_SPLIT.split(text) if p.strip()]
    if len(parts) >= 4:
        return WeatherDay(parts[0], parts[1], "，".join(parts[2:-1]), parts[-1], text)
    if len(parts) == 3:
        return WeatherDay(parts[0], parts[1], "", parts[2], text)
    return WeatherDay("", text, "", "", text)


def validate_slots(page: Page) -> tuple[Page, list[Problem]]:
    """Drop slots that do not fit on the grid and say why; return the page and the problems."""
    grid = page.grid
    problems: list[Problem] = []
    keys = {s.key for s in page.slots}
    good: list[Slot] = []
    for slot in page.slots:
        reason = ""
        if slot.col < 0 or slot.span < 1 or slot.col + slot.span > grid.columns:
            reason = f"第{slot.col + 1}栏起占{slot.span}栏，超出版面的{grid.columns}栏"
        elif (
            slot.top < 0
            or slot.height <= 0
            or max(slot.top + slot.height * (not slot.after), slot.bottom) > grid.type_height + 0.01
        ):
            reason = (
                f"位置{slot.top:.0f}毫米、高{slot.height:.0f}毫米，超出版心高度"
                f"{grid.type_height:.0f}毫米"
            )
        elif any(k not in keys for k in slot.after):
            reason = "所依附的版位不存在"
        elif slot.kind == "story" and slot.story is None:
            reason = "稿件版位没有稿件"
        if reason:
            problems.append(
                Problem(
                    page.key, slot.key, "off_page", f"{page.key}版 {slot.key}：{reason}，未排入"
                )
            )
        else:
            good.append(slot)
    return replace(page, slots=tuple(good)), problems


def arrange_page(
    *,
    key: str,
    folio: Folio,
    stories: list[StoryContent],
    weather: WeatherContent | None = None,
    tipline: TiplineContent | None = None,
    ads: Sequence[tuple[AdContent, int, float]] = (),  # (ad, columns, height in mm)
    grid: Grid | None = None,
) -> Page:
    """Arrange a page with no explicit slots the way the reference page is made up."""
    grid = grid or Grid()
    # Ads sit at the foot, side by side while they fit across, then in rows above.
    ad_slots: list[Slot] = []
    row_bottom = grid.type_height
    col = 0
    row_height = 0.0
    for i, (ad, columns, height) in enumerate(ads):
        columns = max(1, min(grid.columns, columns))
        if col + columns > grid.columns:
            row_bottom -= row_height + RULE_GAP
            col, row_height = 0, 0.0
        ad_slots.append(
            Slot(
                key=f"ad-{i + 1}",
                kind="ad",
                col=col,
                span=columns,
                top=max(0.0, row_bottom - height),
                height=min(height, row_bottom),
                ad=ad,
            )
        )
        col += columns
        row_height = max(row_height, height)
    ads_top = (row_bottom - row_height) if ad_slots else grid.type_height
    story_bottom = ads_top - (RULE_GAP if ad_slots else 0.0)

    # The side column: weather box over the tip-line banner, two columns wide.
    side: list[Slot] = []
    side_span = 2
    if weather is not None:
        side.append(
            Slot(
                key="weather",
                kind="weather",
                col=grid.columns - side_span,
                span=side_span,
                top=0.0,
                height=60.0,
                weather=weather,
            )
        )
    if tipline is not None:
        side.append(
            Slot(
                key="tipline",
                kind="tipline",
                col=grid.columns - side_span,
                span=side_span,
                after=tuple(s.key for s in side),
                gap=4.0 if side else 0.0,
                height=90.0,
                tipline=tipline,
            )
        )

    story_slots: list[Slot] = []
    remaining = list(stories)
    above: tuple[str, ...] = ()
    if remaining:
        lead = remaining.pop(0)
        span = grid.columns - side_span if side else grid.columns
        share = story_bottom * (0.45 if remaining else 1.0)
        if side and not remaining:
            share = story_bottom
        story_slots.append(_story_slot("story-1", lead, 0, span, grid, height=share, lead=True))
        above = ("story-1", *(s.key for s in side))
    elif side:
        above = tuple(s.key for s in side)
    for i, story in enumerate(remaining, start=2):
        last = i == len(stories)
        # Further stories run full width, each below the one before; the last runs to the ads.
        slot = _story_slot(f"story-{i}", story, 0, grid.columns, grid, height=0.0, lead=False)
        slot = replace(
            slot,
            after=above,
            gap=RULE_GAP,
            rule_above=True,
            height=story_bottom if last else story_bottom / len(stories),
            bottom=story_bottom,
        )
        story_slots.append(slot)
        above = (slot.key,)

    # Slots are laid out in this order: the side column before the stories placed below it.
    ordered = [*story_slots[:1], *side, *story_slots[1:], *ad_slots]
    return Page(key=key, folio=folio, slots=tuple(ordered), grid=grid, fill_bands=True)


def _story_slot(
    key: str, story: StoryContent, col: int, span: int, grid: Grid, *, height: float, lead: bool
) -> Slot:
    width = grid.span_width(span)
    return Slot(
        key=key,
        kind="story",
        col=col,
        span=span,
        top=0.0,
        height=height,
        body_columns=span,
        headline_size=headline_size(story.headline, width, largest=largest_headline(span, lead)),
        story=story,
    )
