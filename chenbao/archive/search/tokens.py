"""Chinese text to search terms: character bigrams, the same way for the index and the query.

Pure module (standard library only). Why bigrams and not a word segmenter: a segmenter cuts
燃气管网 into 燃气管 / 网 and then 管网 finds nothing; overlapping character pairs find every
substring of two characters or more, and a phrase of pairs at consecutive positions keeps the
characters in order (书城市 is 书城 then 城市: it never matches 城市书房). Decision 0019.

Text is NFKC-normalised and lower-cased (全角 ＡＥＤ２０２２ is AED2022). A *unit* is one CJK
character or one run of Latin letters and digits; a *segment* is a run of units with no
punctuation or space between them. Inside a segment the terms are the pairs of neighbouring
units (two CJK characters written together, 淄博; a pair with a Latin or digit unit joined by
"·", 超·630); a segment of one unit is that unit alone. Between segments stands SEPARATOR, so
that no phrase is found across a full stop.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
SEGMENT = re.compile(f"(?:[{CJK}]|[a-z0-9]+)+")
UNIT = re.compile(f"[{CJK}]|[a-z0-9]+")
PURE_CJK = re.compile(f"^[{CJK}]+$")
SEPARATOR = "|"
JOIN = "·"
QUOTED = re.compile(r"[\"“”「」『』]([^\"“”「」『』]*)[\"“”「」『』]")


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def segment_terms(segment: str) -> list[str]:
    """The terms of one segment (already normalised), in order."""
    if PURE_CJK.match(segment):
        if len(segment) == 1:
            return [segment]
        return list(map(str.__add__, segment, segment[1:]))
    units = UNIT.findall(segment)
    if len(units) == 1:
        return units
    return [
        a + b if len(a) == len(b) == 1 and not a.isascii() and not b.isascii() else a + JOIN + b
        for a, b in zip(units, units[1:], strict=False)
    ]


def index_text(text: str) -> str:
    """`text` as the space-separated terms the index stores (whitespace-tokenised there)."""
    parts: list[str] = []
    for match in SEGMENT.finditer(normalise(text)):
        if parts:
            parts.append(SEPARATOR)
        parts.extend(segment_terms(match.group()))
    return " ".join(parts)


@dataclass(frozen=True)
class Phrase:
    """One thing the query asks for: terms that must stand at consecutive positions.

    A phrase of one unit (a single character, one Latin word) is `single`: it is found as
    any term holding that unit.
    """

    terms: tuple[str, ...]
    text: str  # normalised, its pieces separated by spaces: what a snippet highlights
    single: str = ""

    def unit_pattern(self) -> str:
        """A regular expression over terms matching any term that holds the single unit."""
        u = re.escape(self.single)
        if len(self.single) == 1 and not self.single.isascii():
            return f"{u}|{u}.|.{u}|{u}{JOIN}.+|.+{JOIN}{u}"
        return f"{u}|{u}{JOIN}.+|.+{JOIN}{u}"


@dataclass
class ParsedQuery:
    """A reader's query: every phrase must match (AND)."""

    phrases: list[Phrase] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.phrases


def parse_query(query: str) -> ParsedQuery:
    """Split a query into phrases: words separated by spaces are ANDed; "quoted text" is one
    phrase, its pieces between punctuation or spaces in order with one break between them."""
    parsed = ParsedQuery()
    quoted: list[str] = []
    rest = QUOTED.sub(lambda m: quoted.append(m.group(1)) or " ", query)
    for piece, is_quoted in [(q, True) for q in quoted] + [(w, False) for w in rest.split()]:
        phrases = [_phrase(m.group()) for m in SEGMENT.finditer(normalise(piece))]
        if is_quoted and len(phrases) > 1 and not any(p.single for p in phrases):
            terms: list[str] = []
            for phrase in phrases:
                terms += [SEPARATOR, *phrase.terms] if terms else phrase.terms
            phrases = [Phrase(tuple(terms), text=" ".join(p.text for p in phrases))]
        for phrase in phrases:
            if phrase not in parsed.phrases:
                parsed.phrases.append(phrase)
    return parsed


def _phrase(segment: str) -> Phrase:
    single = segment if len(UNIT.findall(segment)) == 1 else ""
    return Phrase(tuple(segment_terms(segment)), text=segment, single=single)
