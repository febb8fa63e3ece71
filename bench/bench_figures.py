"""How fast the extractor reads stories, and how well, on the labelled set (prints figures).

Run: .venv/bin/python bench/bench_figures.py [--seconds 3]
Pure: no database. Throughput is stories per second on one core, over the reference page's
stories and the labelled set (each story read whole, as import and publish hand it over).
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chenbao.figures.extract import KINDS, extract, stories  # noqa: E402
from chenbao.figures.labelled import read_set, score_set  # noqa: E402

SEED = ROOT / "tests/fixtures/pages/reference-2022-12-02-A02.txt"
LABELLED = ROOT / "tests/figures/labelled"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to read (default 3)")
    args = parser.parse_args()

    labelled = read_set(LABELLED)
    texts = [story.text for story in labelled]
    if SEED.exists():
        texts += [body for _, body in stories(SEED.read_text("utf-8"))]
    chars = sum(len(t) for t in texts)
    print(f"corpus: {len(texts)} stories, {chars / len(texts):.0f} characters a story on average")

    count = figures = 0
    start = time.process_time()
    deadline = start + args.seconds
    width = 40
    while (now := time.process_time()) < deadline:
        for text in texts:
            figures += len(extract(text))
        count += len(texts)
        if count % (len(texts) * 20):
            continue
        done = int(width * min(1.0, (now - start) / args.seconds))
        print(f"\r[{'#' * done}{'.' * (width - done)}] {count} stories", end="", file=sys.stderr)
    elapsed = time.process_time() - start
    print(file=sys.stderr)
    print(
        f"extraction: {count / elapsed:.0f} stories/s per core (CPU time), "
        f"{count * chars / len(texts) / elapsed / 1e6:.2f} M characters/s, "
        f"{figures / count:.1f} figures a story"
    )

    score = score_set(labelled)
    total = sum(len(s.gold) for s in labelled)
    print(f"\nlabelled set: {len(labelled)} stories, {total} marked figures")
    print(f"{'kind':<10}{'marked':>8}{'precision':>11}{'recall':>8}")
    for kind in (*KINDS, None):
        print(
            f"{kind or 'all':<10}{score.gold_count(kind):>8}"
            f"{score.precision(kind):>11.3f}{score.recall(kind):>8.3f}"
        )
    print(
        f"values right: {score.values_right}/{score.matched}, "
        f"units right: {score.units_right}/{score.matched}"
    )
    for miss in score.misses:
        print("  " + miss)


if __name__ == "__main__":
    main()
