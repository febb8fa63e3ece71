"""Locality-sensitive lookup of near-duplicate tips over their MinHash signatures.

Pure: no Django. Comparing a new tip with every tip of the window costs ~1 µs a pair, so a
burst of 50,000 tips would cost 50 ms a submission. Instead every tip stores `band_keys`:
one 64-bit key per *band* of two signature lanes. Two tips whose signatures agree on both
lanes of some band share that band's key, so a lookup asks the database for the tips that
share any of the new tip's keys (an indexed `IN`) and compares only those exactly.

Why bands of two lanes, 256 of them (see docs/decisions/0018-tip-lsh-bands.md for the
measurements): the grouping threshold (0.12, decision 0012) means 16 of 128 lanes agree.
Classic disjoint bands cannot separate that from unrelated tips: with one lane a band,
every tip sharing a single common bigram's minimum is a candidate; with 42 bands of three
lanes, a pair at the threshold is found only 7 % of the time. Two lanes a band sits
between, and taking the bands from *overlapping* lane pairs, (i, i+1) and (i, i+2) around
the signature, gives 256 chances: a pair agreeing on 16 lanes is missed with probability
about exp(-256·16·15/(128·127)) ≈ 2 %, one agreeing on 20 lanes ≈ 0.3 %, while a pair of
unrelated tips agreeing on 2 lanes shares a key with probability ≈ 3 %.
"""

import hashlib
import struct
from collections.abc import Callable, Iterable, Sequence

from chenbao.tips.similarity import NUM_PERM

ROWS = 2  # lanes a band
STEPS = (1, 2)  # a band is lanes (i, i + step) around the signature, for each step
BANDS: tuple[tuple[int, int], ...] = tuple(
    (i, (i + step) % NUM_PERM) for step in STEPS for i in range(NUM_PERM)
)
_PACK = struct.Struct("<HII")


def band_keys(sig: Sequence[int]) -> list[int]:
    """Return the signature's bucket keys, one per band, as signed 64-bit integers.

    A key hashes the band's number with its two lane values (BLAKE2b, 8 bytes), so equal
    lane values in different bands never share a key. Signed, to fit a BigIntegerField.
    """
    if len(sig) != NUM_PERM:
        raise ValueError(f"a signature has {NUM_PERM} lanes, not {len(sig)}")
    return [
        int.from_bytes(
            hashlib.blake2b(_PACK.pack(n, sig[a], sig[b]), digest_size=8).digest(),
            "little",
            signed=True,
        )
        for n, (a, b) in enumerate(BANDS)
    ]


def collision_probability(lanes_equal: int) -> float:
    """Return the chance that two signatures agreeing on `lanes_equal` random lanes share a key.

    Each band agrees with probability k(k-1) / (n(n-1)); the 256 bands are treated as
    independent (they overlap, so this is an approximation, checked against measurement).
    """
    k, n = lanes_equal, NUM_PERM
    per_band = k * (k - 1) / (n * (n - 1))
    return 1 - (1 - per_band) ** len(BANDS)


def group_sequentially(
    signatures: Sequence[int],
    *,
    threshold: float,
    estimate: Callable[[int, int], float],
    candidates: Callable[[int], Iterable[int]] | None = None,
) -> list[int]:
    """Group packed signatures in arrival order as the tip-line does; return a group per item.

    Item i joins the group of the most similar earlier item whose estimate reaches
    `threshold` (the newest among equals), or opens its own group (numbered i). Without
    `candidates` every earlier item is compared (the exact scan); with it, only the earlier
    indices it returns for i (an LSH lookup). Used to measure the banding against the scan.
    """
    groups: list[int] = []
    for i, sig in enumerate(signatures):
        pool = range(i) if candidates is None else sorted(j for j in candidates(i) if j < i)
        best, best_j = threshold, None
        for j in pool:
            score = estimate(sig, signatures[j])
            if score >= best:
                best, best_j = score, j
        groups.append(i if best_j is None else groups[best_j])
    return groups


def banded_candidates(keys: Sequence[Sequence[int]]) -> Callable[[int], set[int]]:
    """Return a `candidates` function for `group_sequentially` from each item's band keys."""
    postings: dict[int, set[int]] = {}
    for j, item_keys in enumerate(keys):
        for key in item_keys:
            postings.setdefault(key, set()).add(j)

    def candidates(i: int) -> set[int]:
        found: set[int] = set()
        for key in keys[i]:
            found |= postings.get(key, set())
        found.discard(i)
        return found

    return candidates
