"""The page board's arithmetic (版面编辑台): slots as rectangles on the page grid.

Pure: plain data in, plain data out. The board shows each slot as a rectangle of whole
columns and millimetres below the top of the type area, the way `PageSlot` stores it.
Here: where a slot landed (a rendered box, in points) as such a rectangle, the first free
place for a new slot, and which rectangles overlap or leave the type area.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from chenbao.editions.layout.model import PT_PER_MM, Extent, Grid

# The board's page image: small enough to come back fast, large enough to read headlines.
PREVIEW_PPI = 60
# How finely a new slot is searched for, top to bottom: one millimetre.
SEARCH_STEP_MM = 1.0


@dataclass(frozen=True)
class Rect(Extent):
    """A slot on the board: first column (1-based), columns spanned, top and height (mm)."""

    key: str
    column: int
    span: int
    top: float
    height: float

    def overlaps(self, other: Rect, tolerance: float = 0.5) -> bool:
        across = self.column < other.column + other.span and other.column < self.column + self.span
        down = min(self.bottom, other.bottom) - max(self.top, other.top)
        return across and down > tolerance


def rect_from_box(key: str, grid: Grid, *, x: float, y: float, w: float, h: float) -> Rect:
    """Return the board rectangle of a slot Typst placed at (x, y, w, h) points on the page."""
    pitch = grid.column_width + grid.gutter
    left = x / PT_PER_MM - grid.margin_left
    top = y / PT_PER_MM - grid.margin_top - grid.folio_height
    column = max(0, min(grid.columns - 1, round(left / pitch)))
    span = max(1, min(grid.columns - column, round((w / PT_PER_MM + grid.gutter) / pitch)))
    top = max(0.0, float(math.floor(top + 0.05)))
    # Whole millimetres, rounded outwards: the slot keeps all the room its contents took.
    height = max(1.0, min(float(math.ceil(h / PT_PER_MM - 0.05)), grid.type_height - top))
    return Rect(key, column + 1, span, top, height)


def outside(rect: Rect, grid: Grid) -> bool:
    """Whether `rect` leaves the type area (columns or height)."""
    return (
        rect.column < 1
        or rect.span < 1
        or rect.column + rect.span - 1 > grid.columns
        or rect.top < 0
        or rect.height <= 0
        or rect.bottom > grid.type_height + 0.01
    )


def overlapping(rects: Sequence[Rect]) -> list[tuple[str, str]]:
    """Return the keys of every two rectangles that overlap, in board order."""
    pairs = []
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            if a.overlaps(b):
                pairs.append((a.key, b.key))
    return pairs


def first_free_place(
    grid: Grid, taken: Iterable[Rect], *, span: int, height: float
) -> tuple[int, float] | None:
    """Return (column, top) of the first place a `span` × `height` slot overlaps nothing.

    Searched top to bottom, then left to right (the way a page is read); None when the
    page has no such room. The span and height are cut to the grid first.
    """
    span = max(1, min(grid.columns, span))
    height = max(1.0, min(grid.type_height, height))
    rects = list(taken)
    # Candidate tops: the top of the page and the foot of every slot, then every step.
    tops = sorted({0.0, *(r.bottom for r in rects)})
    step = 0.0
    while step + height <= grid.type_height + 0.01:
        tops.append(step)
        step += SEARCH_STEP_MM
    for top in sorted(set(tops)):
        if top + height > grid.type_height + 0.01:
            continue
        for column in range(1, grid.columns - span + 2):
            trial = Rect("", column, span, top, height)
            if not any(trial.overlaps(r, tolerance=0.0) for r in rects):
                return column, round(top, 1)
    return None
