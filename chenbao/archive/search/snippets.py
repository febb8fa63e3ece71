"""A snippet of a story around what was searched, the matches in <mark>. Pure module.

The engine matches normalised text (tokens.normalise: NFKC, lower case), so the snippet looks
for the query's phrases in the normalised text and cuts the original at the same places.
"""

from __future__ import annotations

import html
import re

from chenbao.archive.search.tokens import normalise

WIDTH = 110  # characters shown
LEAD = 24  # characters before the first match


class _Safe(str):
    """Marks the result safe for Django templates without importing Django."""

    def __html__(self) -> str:
        return str(self)


def _normalised_with_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index in `text`."""
    whole = normalise(text)
    if len(whole) == len(text):
        return whole, list(range(len(text)))
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        n = normalise(ch)
        out.append(n)
        where.extend([i] * len(n))
    return "".join(out), where


def snippet_html(text: str, phrases: list[str], width: int = WIDTH) -> _Safe:
    """Escaped HTML: about `width` characters of `text` around the first match, with every
    occurrence of the phrases inside it wrapped in <mark>."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return _Safe("")
    norm, where = _normalised_with_map(text)
    spans: list[tuple[int, int]] = []
    for phrase in sorted({p for p in phrases if p}, key=len, reverse=True):
        for m in re.finditer(re.escape(phrase), norm):
            start, end = where[m.start()], where[m.end() - 1] + 1
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
    spans.sort()
    begin = max(0, spans[0][0] - LEAD) if spans else 0
    end = min(len(text), begin + width)
    pieces = ["…" if begin else ""]
    at = begin
    for s, e in spans:
        if s < begin or e > end:
            continue
        pieces.append(html.escape(text[at:s]))
        pieces.append(f"<mark>{html.escape(text[s:e])}</mark>")
        at = e
    pieces.append(html.escape(text[at:end]))
    if end < len(text):
        pieces.append("…")
    return _Safe("".join(pieces))
