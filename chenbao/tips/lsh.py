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
import sys
from array import array
from collections import Counter
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


def keys_bytes(keys: Sequence[int]) -> bytes:
    """Return band keys as stored with a tip: 8 bytes each, little-endian."""
    packed = array("q", keys)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def keys_from_bytes(data: bytes) -> list[int]:
    """Return the band keys stored by `keys_bytes` (an empty list for no or damaged data)."""
    if len(data) != 8 * len(BANDS):
        return []
    packed = array("q")
    packed.frombytes(data)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tolist()


class BandIndex:
    """Which items (tip ids) have which band keys: a hash table kept in flat buffers.

    A dict of 256 keys a tip would take ~1 GB at 50,000 tips; here a key is split into a
    bucket (its low 16 bits) and 32 more bits kept in that bucket's `bytearray` (4 bytes
    each) beside the item id in an `array("I")`, 8 bytes a key (100 MB at 50,000 tips). A
    bucket holds keys/65536 entries, ~200 at 50,000 tips; a lookup finds a key in its
    bucket with `bytearray.find` (a byte search in C, no Python object per entry), so its
    cost barely grows with the window (an `array.index` scan made an int of every entry:
    1.3 ms a lookup at 50,000 tips; measured in docs/decisions/0018-tip-lsh-bands.md).
    """

    _BUCKET_BITS = 16
    _MASK = (1 << _BUCKET_BITS) - 1
    _ENTRY = struct.Struct("<I")

    def __init__(self) -> None:
        size = 1 << self._BUCKET_BITS
        self._keys = [bytearray() for _ in range(size)]
        self._items = [array("I") for _ in range(size)]
        self.entries = 0

    def add(self, item: int, keys: Iterable[int]) -> None:
        """Index `item` (0 <= item < 2**32) under each of `keys`."""
        # Names bound once: building the index of a 50,000-tip window runs this 12.8 million
        # times (a worker's start), so each lookup of `self` costs seconds.
        stored, items, mask, bits = self._keys, self._items, self._MASK, self._BUCKET_BITS
        entry = self._ENTRY.pack
        count = 0
        for key in keys:
            bucket = key & mask
            stored[bucket] += entry((key >> bits) & 0xFFFFFFFF)
            items[bucket].append(item)
            count += 1
        self.entries += count

    def shared(self, keys: Iterable[int], *, per_key: int = 1 << 30) -> Counter[int]:
        """Return the items sharing any of `keys`, with how many of them each shares.

        At most `per_key` items are read for one key (the first indexed).
        """
        found: Counter[int] = Counter()
        stored_all, items_all, mask, bits = self._keys, self._items, self._MASK, self._BUCKET_BITS
        entry = self._ENTRY.pack
        for key in keys:
            bucket = key & mask
            wanted = entry((key >> bits) & 0xFFFFFFFF)
            stored, items = stored_all[bucket], items_all[bucket]
            at, taken = stored.find(wanted), 0
            while at >= 0 and taken < per_key:
                if at & 3:  # a match across two entries: not a key
                    at = stored.find(wanted, at + 1)
                    continue
                found[items[at >> 2]] += 1
                taken += 1
                at = stored.find(wanted, at + 4)
        return found


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
