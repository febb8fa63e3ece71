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

import numpy as np

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


KEYS_BYTES = 8 * len(BANDS)  # a tip's stored keys


def keys_matrix(stored: Sequence[bytes]) -> np.ndarray:
    """Return many tips' stored keys (`keys_bytes`, each KEYS_BYTES long) as one row each."""
    return np.frombuffer(b"".join(stored), dtype="<i8").reshape(len(stored), len(BANDS))


def keys_from_bytes(data: bytes) -> list[int]:
    """Return the band keys stored by `keys_bytes` (an empty list for no or damaged data)."""
    if len(data) != KEYS_BYTES:
        return []
    packed = array("q")
    packed.frombytes(data)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tolist()


class BandIndex:
    """Which items (tip ids) have which band keys, as sorted arrays searched in C (numpy).

    A dict of 256 keys a tip would take ~1 GB at 50,000 tips. Here a key is kept as its low
    32 bits beside its item's id, 8 bytes an entry (100 MB at 50,000 tips), in a few sorted
    arrays: `np.searchsorted` finds all 256 keys of a lookup in a handful of C calls, at a
    cost that grows with the log of the window, not with it (the byte search it replaces
    scanned a bucket that grew with the window: decision 0018). Keys added since the last
    merge wait in a small dict; every `MERGE_TIPS` items they become a sorted level, and the
    levels are merged into the big one when they outgrow `MAIN_SHARE` of it, so adding stays
    cheap on average. A 32-bit match that is not a 64-bit one (about one entry a lookup at
    50,000 tips) only adds a candidate that the exact comparison then rejects.

    Items found for one key come oldest first (the order they were added) whatever the
    merges did, so every process holding the same tips finds the same candidates.
    """

    MERGE_TIPS = 256
    MAIN_SHARE = 1 / 8

    def __init__(self) -> None:
        self._levels: list[tuple[np.ndarray, np.ndarray]] = []  # oldest first, each sorted
        self._pending: dict[int, list[int]] = {}
        self._pending_items = 0
        self.entries = 0

    def add(self, item: int, keys: Iterable[int]) -> None:
        """Index `item` (0 <= item < 2**32) under each of `keys`."""
        pending = self._pending
        count = 0
        for key in keys:
            low = key & 0xFFFFFFFF
            held = pending.get(low)
            if held is None:
                pending[low] = [item]
            elif held[-1] != item:
                held.append(item)
            count += 1
        self.entries += count
        self._pending_items += 1
        if self._pending_items >= self.MERGE_TIPS:
            self._merge_pending()

    def add_many(self, items: Sequence[int], keys: np.ndarray) -> None:
        """Index many items at once: `keys` has one row of band keys for each item."""
        if not len(items):
            return
        self._merge_pending()
        flat = np.asarray(keys, dtype=np.int64).reshape(len(items), -1)
        level_items = np.repeat(np.asarray(items, dtype=np.uint32), flat.shape[1])
        self._push(flat.ravel().astype(np.uint32), level_items)
        self.entries += flat.size

    def _merge_pending(self) -> None:
        if not self._pending:
            return
        sizes = [len(v) for v in self._pending.values()]
        keys = np.repeat(np.fromiter(self._pending, dtype=np.uint32, count=len(sizes)), sizes)
        items = np.fromiter(
            (i for v in self._pending.values() for i in v), dtype=np.uint32, count=sum(sizes)
        )
        self._pending, self._pending_items = {}, 0
        self._push(keys, items)

    def _push(self, keys: np.ndarray, items: np.ndarray) -> None:
        """Add entries, newer than every entry held, as a level; merge levels when due."""
        order = np.argsort(keys, kind="stable")
        self._levels.append((keys[order], items[order]))
        while len(self._levels) > 1:
            newer = self._levels[-1][0].size
            older = self._levels[-2][0].size
            if newer < older * self.MAIN_SHARE and len(self._levels) <= 3:
                break
            (k0, i0), (k1, i1) = self._levels[-2], self._levels[-1]
            at = np.searchsorted(k0, k1, side="right")  # newer entries after older equals
            self._levels[-2:] = [(np.insert(k0, at, k1), np.insert(i0, at, i1))]

    def shared(self, keys: Iterable[int], *, per_key: int = 1 << 30) -> Counter[int]:
        """Return the items sharing any of `keys`, with how many of them each shares.

        At most `per_key` items are read for one key (the first indexed).
        """
        wanted = [key & 0xFFFFFFFF for key in keys]
        query = np.array(wanted, dtype=np.uint32)
        left = np.full(query.size, per_key, dtype=np.int64)  # still to read, per key
        found: list[np.ndarray] = []
        for level_keys, level_items in self._levels:
            lo = np.searchsorted(level_keys, query, side="left")
            hi = np.searchsorted(level_keys, query, side="right")
            take = np.minimum(hi - lo, left)
            total = int(take.sum())
            if total:
                starts = np.repeat(lo - np.cumsum(take) + take, take)
                found.append(level_items[starts + np.arange(total)])
                left -= take
        counts: Counter[int] = Counter()
        if found:
            ids, n = np.unique(np.concatenate(found), return_counts=True)
            counts.update(dict(zip(ids.tolist(), n.tolist(), strict=True)))
        pending = self._pending
        for low, room in zip(wanted, left.tolist(), strict=True):
            held = pending.get(low)
            if held and room > 0:
                counts.update(held[:room])
        return counts


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
