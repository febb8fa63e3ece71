"""Blank bands (空白): empty space inside the type area taller than a paper lets stand.

Pure. Given where each slot landed (millimetres from the type area's top left), find in
every grid column the stretches no slot covers, and join the columns that share one into
a band: "columns 1-6, 51.6 mm high under the second story". A rule gap between two rows
(5 mm) is not a band; anything over `BLANK_BAND_MM` is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chenbao.editions.layout.model import Extent, Grid

BLANK_BAND_MM = 10.0


@dataclass(frozen=True)
class Placed(Extent):
    """A slot where it landed: key, first grid column (0-based), columns, top and height (mm)."""

    key: str
    col: int
    span: int
    top: float
    height: float


@dataclass(frozen=True)
class Band(Extent):
    """An empty stretch across grid columns `col`..`col + span - 1` (0-based)."""

    col: int
    span: int
    top: float
    height: float
    above: str = ""  # the slot that ends where the band starts ("" at the top of the page)
    below: str = ""  # the slot that starts where the band ends ("" at the foot of the page)


def _column_gaps(grid: Grid, placed: Sequence[Placed], col: int) -> list[Band]:
    covering = sorted(
        (p for p in placed if p.col <= col < p.col + p.span), key=lambda p: (p.top, p.bottom)
    )
    gaps: list[Band] = []
    reach, above = 0.0, ""
    for p in covering:
        if p.top - reach > 0:
            gaps.append(Band(col, 1, reach, p.top - reach, above=above, below=p.key))
        if p.bottom >= reach:
            reach, above = p.bottom, p.key
    if grid.type_height - reach > 0:
        gaps.append(Band(col, 1, reach, grid.type_height - reach, above=above))
    return gaps


def blank_bands(
    grid: Grid, placed: Sequence[Placed], *, limit: float = BLANK_BAND_MM
) -> list[Band]:
    """Return the empty stretches taller than `limit`, neighbouring columns joined.

    A page with nothing on it has no bands (there is nothing to fill it around).
    """
    if not placed:
        return []
    found: list[Band] = []
    for col in range(grid.columns):
        for gap in _column_gaps(grid, placed, col):
            if gap.height <= limit:
                continue
            joined = next(
                (
                    i
                    for i, band in enumerate(found)
                    if band.col + band.span == col
                    and abs(band.top - gap.top) < 1.0
                    and abs(band.bottom - gap.bottom) < 1.0
                ),
                None,
            )
            if joined is None:
                found.append(gap)
                continue
            band = found[joined]
            found[joined] = Band(
                band.col,
                band.span + 1,
                min(band.top, gap.top),
                max(band.bottom, gap.bottom) - min(band.top, gap.top),
                above=band.above or gap.above,
                below=band.below or gap.below,
            )
    return sorted(found, key=lambda b: (b.top, b.col))
