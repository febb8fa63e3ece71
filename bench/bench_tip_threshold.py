"""Precision and recall of the tip grouping threshold (decision 0012) on the labelled sets.

Pairs of tips about the same event should reach the threshold, pairs about different
events should not. `tests/tips/data/near_duplicates.json` has similar events at different
places; `same_place_same_day.json` (issue 13, item 11) has different events at the same
place on the same day, where bigram similarity is weakest. No database.

    .venv/bin/python bench/bench_tip_threshold.py
"""

import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from chenbao.tips import similarity  # noqa: E402

SETS = ["near_duplicates", "same_place_same_day"]
THRESHOLDS = [0.08, 0.10, 0.12, 0.15, 0.18, 0.20]


def load(name: str) -> list[list[str]]:
    data = json.loads((ROOT / f"tests/tips/data/{name}.json").read_text("utf-8"))
    return [e["tips"] if isinstance(e, dict) else e for e in data["events"]]


def pairs(events: list[list[str]]) -> list[tuple[bool, float]]:
    """(same event, estimated similarity) for every pair of tips."""
    items = [
        (n, similarity.pack(similarity.signature(t))) for n, ts in enumerate(events) for t in ts
    ]
    return [
        (a[0] == b[0], similarity.estimate_packed(a[1], b[1]))
        for a, b in itertools.combinations(items, 2)
    ]


def scores(scored: list[tuple[bool, float]], threshold: float) -> tuple[float, float, int]:
    tp = sum(same and s >= threshold for same, s in scored)
    fp = sum(not same and s >= threshold for same, s in scored)
    fn = sum(same and s < threshold for same, s in scored)
    return tp / max(1, tp + fp), tp / max(1, tp + fn), fp


def main() -> None:
    every = []
    for name in SETS:
        events = load(name)
        scored = pairs(events)
        every += scored
        print(f"{name}: {len(events)} events, {sum(map(len, events))} tips, {len(scored)} pairs")
        for threshold in THRESHOLDS:
            p, r, fp = scores(scored, threshold)
            print(f"  {threshold:.2f}  precision {p:.3f}  recall {r:.3f}  joined wrongly {fp}")
    print("both sets")
    for threshold in THRESHOLDS:
        p, r, fp = scores(every, threshold)
        print(f"  {threshold:.2f}  precision {p:.3f}  recall {r:.3f}  joined wrongly {fp}")


if __name__ == "__main__":
    main()
