"""A floor under a story body's height, so the template balances columns from below.

No Django here: a layout slot and the typography in, a height in points out.
"""

from __future__ import annotations

import math
import unicodedata

from chenbao.editions.layout.model import PT_PER_MM, Grid, Slot
from chenbao.editions.typography import Typography


def _em_floor(ch: str) -> float:
    """The least width, in em, that Typst can give `ch` in a justified line of the body.

    Ideographs and other wide characters take a full em; CJK punctuation may be
    compressed to half an em. Narrow characters are set from the CJK font's Latin: digits
    are at least 0.47 em in Noto Serif CJK and 0.59 em in Noto Sans CJK, "%" 0.92 em,
    other glyphs at least 0.19 em, and a space may shrink in a justified line. A paper
    using narrower fonts gets columns a line taller than needed at worst, never lost text.
    """
    if unicodedata.east_asian_width(ch) in "WF":
        return 0.5 if unicodedata.category(ch)[0] in "PZS" else 1.0
    if "0" <= ch <= "9":
        return 0.45
    if ch == "%":
        return 0.9
    return 0.1 if ch.isspace() else 0.19


def _ideograph(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF" and unicodedata.category(ch) == "Lo"


def _paragraph_floor_em(text: str, line_em: float) -> float | None:
    """Return the least width of `text` in em, or None if a line could overflow.

    The width over the line width is a floor on the number of lines only if no line is
    overfull, that is if no run that cannot be broken is wider than a line. Line breaks
    are certain only between two ideographs, and no glyph is wider than an em: a run
    without such a break of more characters than a line holds ems (a long URL or English
    word, a row of punctuation) leaves the measuring to Typst.
    """
    total = 0.0
    run = 0
    after_ideograph = False
    for ch in text:
        ideograph = _ideograph(ch)
        run = 1 if after_ideograph and ideograph else run + 1
        if run > line_em:
            return None
        total += _em_floor(ch)
        after_ideograph = ideograph
    return total


def body_floor(slot: Slot, grid: Grid, typography: Typography) -> float | None:
    """Return a height, in points, that the story's body set in one column cannot be under.

    The template starts balancing from this height divided among the body's columns and
    adds the lines the text overran by (see the template): starting from below keeps the
    columns at the fewest lines that hold the text, and spares Typst laying the whole
    body out once more just to measure it (~15 % of a page's time). None when the body has
    a photo, whose height only Typst knows, or a run of text that might not break: the
    template measures such bodies.
    """
    story = slot.story
    if story is None or any(b.kind == "image" for b in story.blocks):
        return None
    size, leading = typography.body_size, typography.leading
    columns = max(1, slot.body_columns)
    width = (grid.span_width(slot.span) - (columns - 1) * grid.gutter) * PT_PER_MM / columns
    line_em = width / size
    # The body as the template sets it: blocks of (height, space above, space below); the
    # space between two blocks is the larger of the two (as Typst does).
    parts: list[tuple[float, float, float]] = []
    for i, block in enumerate(story.blocks):
        if block.kind == "subhead":  # one line of 1.02 em in a ruled box, 2.2 pt inset
            parts.append((size * 1.02 + 4.4, leading * 1.6, leading * 1.6))
            continue
        text = block.text
        if i == 0 and story.dateline:
            text = story.dateline + "\u3000" + text  # dateline, one em, the first paragraph
        width_em = _paragraph_floor_em(text, line_em)
        if width_em is None:
            return None
        lines = max(1, math.ceil((2 + width_em) / line_em - 1e-9))  # two em of indent
        parts.append((lines * (size + leading) - leading, leading, leading))
    if not story.blocks and story.dateline:
        parts.append((size, leading, leading))
    if story.bylines:
        parts.append((size * 0.88, leading, leading))
    height = sum(h for h, _, _ in parts)
    height += sum(max(a[2], b[1]) for a, b in zip(parts, parts[1:], strict=False))
    return height
