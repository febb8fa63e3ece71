"""The LSH bands (chenbao/tips/lsh.py) measured against the exact scan, without a database.

For the hand-written near-duplicates (tests/tips/data) and for generated tips (bench/tipgen.py,
fixed seed) it prints: the pairs the exact scan matches (estimate >= threshold) and how many
of them share a band key (recall), how many key-sharing pairs the exact check then confirms
(precision of the banding: the rest is the work the lookup does for nothing), whether the
grouping in arrival order comes out the same, and how many earlier tips a lookup reads.
For the test data it also tries random assignments of lanes to bands, so that the result
does not rest on the one arrangement in use.

    .venv/bin/python bench/bench_tip_lsh.py [--tips 4000] [--arrangements 200]
"""

import argparse
import itertools
import json
import random
import sys
import time
from pathlib import Path

from rich.progress import track

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import tipgen  # noqa: E402

from chenbao.tips import lsh, similarity  # noqa: E402

THRESHOLD = 0.12


def same_partition(a: list[int], b: list[int]) -> float:
    """Return the share of items whose group has the same members in both groupings."""
    members_a: dict[int, set[int]] = {}
    members_b: dict[int, set[int]] = {}
    for i, (ga, gb) in enumerate(zip(a, b, strict=True)):
        members_a.setdefault(ga, set()).add(i)
        members_b.setdefault(gb, set()).add(i)
    return sum(members_a[ga] == members_b[gb] for ga, gb in zip(a, b, strict=True)) / len(a)


def measure(label: str, sigs: list[list[int]], keys: list[list[int]]) -> None:
    packed = [similarity.pack(s) for s in sigs]
    key_sets = [set(k) for k in keys]
    started = time.perf_counter()
    exact = lsh.group_sequentially(packed, threshold=THRESHOLD, estimate=similarity.estimate_packed)
    scan_s = time.perf_counter() - started
    candidates = lsh.banded_candidates(keys)
    looked: list[int] = []

    def counted(i: int) -> set[int]:
        found = {j for j in candidates(i) if j < i}
        looked.append(len(found))
        return found

    started = time.perf_counter()
    banded = lsh.group_sequentially(
        packed, threshold=THRESHOLD, estimate=similarity.estimate_packed, candidates=counted
    )
    banded_s = time.perf_counter() - started
    matched = shared = confirmed = 0
    for i, j in itertools.combinations(range(len(packed)), 2):
        match = similarity.estimate_packed(packed[i], packed[j]) >= THRESHOLD
        share = not key_sets[i].isdisjoint(key_sets[j])
        matched += match
        shared += share
        confirmed += match and share
    n = len(packed)
    print(f"{label}: {n} tips, {len(set(exact))} groups by the exact scan")
    print(
        f"  pairs matched by the scan {matched}, sharing a key {shared}, both {confirmed}:"
        f" recall {confirmed / max(1, matched):.4f}, precision {confirmed / max(1, shared):.3f}"
    )
    print(
        f"  same groups as the scan: {banded == exact} "
        f"({same_partition(exact, banded):.4f} of tips in an identical group)"
    )
    print(
        f"  tips read a lookup: mean {sum(looked) / n:.1f}, max {max(looked)} "
        f"(the scan reads {n / 2:.0f} on average); in memory {banded_s / n * 1e6:.0f} µs "
        f"vs {scan_s / n * 1e6:.0f} µs a tip"
    )


def arrangements(sigs: list[list[int]], count: int) -> None:
    """Group the test data with bands over `count` random lane orders; print how often equal."""
    packed = [similarity.pack(s) for s in sigs]
    exact = lsh.group_sequentially(packed, threshold=THRESHOLD, estimate=similarity.estimate_packed)
    rnd = random.Random(18)
    same = 0
    for _ in track(range(count), description="arrangements", transient=True):
        order = rnd.sample(range(similarity.NUM_PERM), similarity.NUM_PERM)
        keys = [lsh.band_keys([s[k] for k in order]) for s in sigs]
        banded = lsh.group_sequentially(
            packed,
            threshold=THRESHOLD,
            estimate=similarity.estimate_packed,
            candidates=lsh.banded_candidates(keys),
        )
        same += banded == exact
    print(f"  random lane orders giving the scan's groups: {same}/{count}")


def lookup_cost(sizes: list[int], probes: int = 500) -> None:
    """The submission path's lookup (services.grouping._RecentSignatures.similar: band index, then
    the exact estimate on the tips sharing a key, at most PER_KEY a key) against the old
    scan of every tip in the window, at several window sizes, per submission."""
    per_key, candidates = 3, 32  # services.grouping._RecentSignatures.PER_KEY, .CANDIDATES
    told = [text for _event, text in tipgen.tips(max(sizes) + probes, seed=16)]
    sigs = [similarity.signature(t) for t in track(told, description="signatures", transient=True)]
    keys = [lsh.band_keys(s) for s in sigs]
    packed = [similarity.pack(s) for s in sigs]
    print("  lookup cost per submission (in memory, the window already indexed):")
    for size in sizes:
        index = lsh.BandIndex()
        for i in range(size):
            index.add(i, keys[i])
        news = range(len(sigs) - probes, len(sigs))
        started = time.perf_counter()
        found = 0
        for j in news:
            shared = index.shared(keys[j], per_key=per_key)
            for i, _count in shared.most_common(candidates):
                found += similarity.estimate_packed(packed[j], packed[i]) >= THRESHOLD
        banded = (time.perf_counter() - started) / probes
        started = time.perf_counter()
        for j in news[:50]:
            for i in range(size):
                similarity.estimate_packed(packed[j], packed[i])
        scan = (time.perf_counter() - started) / 50
        print(
            f"    {size:>6} tips held: LSH {banded * 1000:6.2f} ms"
            f"   exact scan {scan * 1000:7.2f} ms   ({found / probes:.1f} similar a tip)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tips", type=int, default=4000)
    parser.add_argument("--arrangements", type=int, default=200)
    parser.add_argument(
        "--sizes", default="1000,20000,50000", help="window sizes for the lookup cost"
    )
    args = parser.parse_args()
    data = json.loads((ROOT / "tests/tips/data/near_duplicates.json").read_text("utf-8"))
    texts = [t for texts in data["events"] for t in texts]
    sigs = [similarity.signature(t) for t in texts]
    measure(
        "test data (tests/tips/data/near_duplicates.json)", sigs, [lsh.band_keys(s) for s in sigs]
    )
    arrangements(sigs, args.arrangements)
    generated = [text for _event, text in tipgen.tips(args.tips)]
    sigs = [
        similarity.signature(t) for t in track(generated, description="signatures", transient=True)
    ]
    measure("generated (bench/tipgen.py, seed 16)", sigs, [lsh.band_keys(s) for s in sigs])
    lookup_cost([int(n) for n in args.sizes.split(",")])


if __name__ == "__main__":
    main()
