"""Chinese text to search terms: pairs of neighbouring units, the same for index and query.

Pure module (standard library only). Why pairs (bigrams) and not a word segmenter: jieba cuts
燃气管网 into 燃气管 / 网, and then 管网 finds nothing; overlapping pairs find every string of
two characters or more, and a phrase of pairs at consecutive positions keeps the characters
in order (书城市 is 书城 then 城市: it never matches 城市书房). Decision 0019.

Text is NFKC-normalised and lower-cased (全角 ＡＥＤ２０２２ is aed2022). A *unit* is one CJK
character, one word of Latin letters and digits, or a *break*: any run of punctuation or space,
written "|". The text is framed by breaks, and its terms are the pairs of neighbouring units:

    淄博，AED除颤仪  ->  |淄 淄博 博| |aed aed除 除颤 颤仪 仪|

So a break sits between two sentences and no phrase runs across it unless the query has one
there too; a character alone between two breaks is still indexed (|市 市|); a Latin or digit
word is a whole unit (630 never matches 6300). All of it is done with regular expressions
and `map`, in C: about 0.3 ms for 1,500 characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat

CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
BREAK = "|"
BREAKS = re.compile(f"[^{CJK}a-z0-9]+")
UNITS = re.compile(f"[{CJK}]|[a-z0-9]+|\\|")
ALNUM_WORD = re.compile("[a-z0-9]+")
QUOTED = re.compile(r"[\"“”「」『』]([^\"“”「」『』]*)[\"“”「」『』]")


def normalise(text: str) -> str:
    if not unicodedata.is_normalized("NFKC", text):  # checking is ~400× cheaper than doing
        text = unicodedata.normalize("NFKC", text)
    return text.lower()


def units(normalised: str) -> list[str]:
    """The units of normalised text, breaks collapsed to one "|", without framing breaks."""
    return UNITS.findall(BREAKS.sub(BREAK, normalised).strip(BREAK))


def framed_units(text: str) -> list[str]:
    """The units of `text` between a break at each end (none for text without units)."""
    u = units(normalise(text))
    return [BREAK, *u, BREAK] if u else []


def pair_text(framed: list[str]) -> str:
    """Framed units as the space-separated pairs the index stores (whitespace-tokenised)."""
    return " ".join(map(str.__add__, framed, framed[1:]))


def index_text(text: str) -> str:
    """`text` as the space-separated terms the index stores (whitespace-tokenised there)."""
    return pair_text(framed_units(text))


# --- grams: four or six units as one term, for the strings half an archive holds -------------
#
# A phrase common in the archive (民生建设 in many stories) costs its pairs' positions read in
# every story that holds them all. The few strings of four units that many stories hold, and
# of six, are also indexed whole, each at the position of its first pair (`gram_text`), in a
# field per length: such a phrase is then one term (民生建设, 老旧小区改造), and a longer one
# two or three terms instead of three or more pairs. Which strings: `common_grams`, counted on
# a sample of the archive when the index is rebuilt.

GRAM = 4
LONG_GRAM = 6
GRAM_LENGTHS = (GRAM, LONG_GRAM)
FILLER = "_"  # a position without a kept gram: the index's analyzer drops it, keeping positions


def grams(framed: list[str], n: int = GRAM) -> Iterator[str]:
    """Every string of `n` neighbouring units, in order (position k: units k to k+n-1)."""
    return map("".join, zip(*(framed[k:] for k in range(n)), strict=False))


def gram_units(gram: str) -> int:
    """How many units a gram is made of (a Latin or digit word is one: aed除颤仪 is 4)."""
    return len(UNITS.findall(gram))


def gram_text(framed: list[str], kept: Mapping[str, str], n: int = GRAM) -> str:
    """The kept grams of `n` units of framed units at their positions, FILLER at every other."""
    if not kept or len(framed) < n:
        return ""
    return " ".join(map(kept.get, grams(framed, n), repeat(FILLER)))


def common_grams(
    stories: Sequence[Sequence[str]], *, share: float = 0.01, most: int = 50_000
) -> list[str]:
    """The grams of four and of six units held by at least `share` of the stories (each a
    sequence of its texts), at most the `most` commonest of each length.

    Counted a length at a time, each only where the shorter strings that make it up are
    common themselves (a string in many stories is made of strings in as many): the pairs
    first, then the grams of four whose pairs at 0 and 2 are common, then those of six whose
    grams of four at 0 and 2 are. Memory stays with the common strings, not every string of a
    sample of fifteen million characters.
    """
    least = max(2, share * len(stories))
    kept: list[str] = []
    common: set[str] | None = None
    part = 2
    for n in (2, *GRAM_LENGTHS):
        counts: Counter[str] = Counter()
        for texts in stories:
            held: set[str] = set()
            for text in texts:
                framed = framed_units(text)
                if common is None:
                    held.update(grams(framed, n))
                    continue
                parts = list(map(common.__contains__, grams(framed, part)))
                step = n - part
                held.update(
                    g
                    for g, a, b in zip(grams(framed, n), parts, parts[step:], strict=False)
                    if a and b
                )
            counts.update(held)
        common = {g for g, c in counts.items() if c >= least}
        part = n
        if n in GRAM_LENGTHS:
            kept += sorted(sorted(common, key=lambda g: (-counts[g], g))[:most])
    return kept


def gram_cover(u: tuple[str, ...], n: int = GRAM) -> list[tuple[int, str]]:
    """The grams of `n` units, at their offsets, that together make a phrase of units `u`:
    民生建设 is one, 老旧小区改造 is 老旧小区 @0 and 小区改造 @2 (or one gram of six). None
    for a phrase shorter than a gram."""
    if len(u) < n:
        return []
    offsets = sorted({*range(0, len(u) - n + 1, n), len(u) - n})
    return [(k, "".join(u[k : k + n])) for k in offsets]


def alnum_words(text: str) -> str:
    """The Latin and digit words of `text`, space-separated: a one-word query's own field."""
    return " ".join(ALNUM_WORD.findall(normalise(text)))


@dataclass(frozen=True)
class Phrase:
    """One thing the query asks for: terms that must stand at consecutive positions.

    A phrase of one unit is `single`: a CJK character is found as any term holding it, a
    Latin or digit word in the words fields.
    """

    terms: tuple[str, ...]
    text: str  # normalised, its pieces separated by spaces: what a snippet highlights
    single: str = ""
    units: tuple[str, ...] = ()

    @property
    def latin(self) -> bool:
        return self.single.isascii()

    def unit_pattern(self) -> str:
        """A regular expression matching every term that holds the single CJK character."""
        u = re.escape(self.single)
        return f"{u}.+|.+{u}"


@dataclass
class ParsedQuery:
    """A reader's query: every phrase must match (AND)."""

    phrases: list[Phrase] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.phrases


def _phrase(u: list[str]) -> Phrase:
    text = "".join(BREAK if x == BREAK else x for x in u)
    shown = " ".join(piece for piece in text.split(BREAK) if piece)
    if len(u) == 1:
        return Phrase((u[0],), text=shown, single=u[0], units=(u[0],))
    return Phrase(tuple(map(str.__add__, u, u[1:])), text=shown, units=tuple(u))


def parse_query(query: str) -> ParsedQuery:
    """Split a query into phrases: words separated by spaces or punctuation are ANDed;
    "quoted text" is one phrase, a break inside it standing for any punctuation."""
    parsed = ParsedQuery()
    quoted = [m.group(1) for m in QUOTED.finditer(query)]
    rest = QUOTED.sub(" ", query)
    phrases: list[Phrase] = []
    for piece in quoted:
        u = units(normalise(piece))
        if u:
            phrases.append(_phrase(u))
    for piece in BREAKS.split(normalise(rest)):
        if piece:
            phrases.append(_phrase(units(piece)))
    for phrase in phrases:
        if phrase not in parsed.phrases:
            parsed.phrases.append(phrase)
    return parsed
