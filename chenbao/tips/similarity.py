"""Near-duplicate tips (同一事件的重复爆料): MinHash over character n-grams.

Pure: no Django. Chinese has no spaces, so a tip is cut into overlapping character
bigrams after removing punctuation and spaces; MinHash estimates the Jaccard similarity of
two tips' bigram sets from 128 small integers stored with each tip. The threshold in
settings (TIP_DUPLICATE_THRESHOLD) was measured on tests/tips/data/near_duplicates.json;
see docs/decisions/0012-tip-duplicates-and-rewards.md.
"""

import hashlib
import re
import sys
import unicodedata
from array import array

NUM_PERM = 128
NGRAM = 2
_MAX = (1 << 32) - 1
_U32 = next(t for t in "IL" if array(t).itemsize == 4)  # "I" on every common platform
_DROP = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Return `text` folded (full width to half width, lower case) without punctuation or spaces."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text).lower())


def shingles(text: str, n: int = NGRAM) -> set[str]:
    """Return the set of character n-grams of the normalised text."""
    s = normalise(text)
    if len(s) <= n:
        return {s} if s else set()
    return {s[i : i + n] for i in range(len(s) - n + 1)}


def _lanes(gram: str) -> array:
    """Return NUM_PERM independent 32-bit hashes of one n-gram (SHAKE-128 output lanes)."""
    lanes = array(_U32, hashlib.shake_128(gram.encode()).digest(4 * NUM_PERM))
    if sys.byteorder == "big":  # the same signature on every machine
        lanes.byteswap()
    return lanes


def signature(text: str) -> list[int]:
    """Return the MinHash signature (NUM_PERM ints below 2**32) of `text`.

    Hash function i of the family is lane i of an n-gram's SHAKE-128 output, so an n-gram
    costs one hash call and the minimum per lane is taken in C (`min` over `zip`): about
    0.4 ms for a 140-character tip, where 128 affine hashes in Python took 2 ms.
    """
    grams = shingles(text)
    if not grams:
        return [_MAX] * NUM_PERM
    return list(map(min, zip(*map(_lanes, grams), strict=True)))


def estimate(sig_a: list[int], sig_b: list[int]) -> float:
    """Return the estimated Jaccard similarity of two signatures (0 to 1)."""
    if not sig_a or not sig_b or len(sig_a) != len(sig_b):
        return 0.0
    return sum(1 for x, y in zip(sig_a, sig_b, strict=True) if x == y) / len(sig_a)


# Signatures packed into one big integer of 16-bit lanes, so that comparing two tips is a
# handful of big-integer operations instead of a Python loop (the submission path compares
# a new tip with every tip of the last days). Truncating to 16 bits adds a 1/65536 chance
# of a false equal lane: negligible.
_LANE = 16
_LOW = int("".join(["0" + "1" * (_LANE - 1)] * NUM_PERM), 2)  # 0x7FFF in every lane
_LANE_MASK = (1 << _LANE) - 1


def pack(sig: list[int]) -> int:
    """Return `sig` as one integer of NUM_PERM 16-bit lanes."""
    packed = 0
    for value in sig:
        packed = (packed << _LANE) | (value & _LANE_MASK)
    return packed


def estimate_packed(a: int, b: int) -> float:
    """Return the estimated Jaccard similarity of two packed signatures."""
    x = a ^ b  # a lane is zero where the two signatures agree
    # Exact zero-lane count: the high bit of a lane ends up set iff the lane is zero.
    zero_lanes = ~(((x & _LOW) + _LOW) | x | _LOW) & ((1 << (_LANE * NUM_PERM)) - 1)
    return zero_lanes.bit_count() / NUM_PERM


def jaccard(text_a: str, text_b: str) -> float:
    """Return the exact Jaccard similarity of two texts' n-gram sets (for measuring)."""
    a, b = shingles(text_a), shingles(text_b)
    return len(a & b) / len(a | b) if a | b else 0.0
