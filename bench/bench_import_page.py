"""Benchmark: pages per second for `import-page --json` on the reference page, one core.

Run: python bench/bench_import_page.py [PAGE_FILE] [--seconds N]
Prints figures; it is not a test. Target: 500 pages/s or more.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chenbao.archive.pagetext import page_to_dict, parse_page, read_page_file  # noqa: E402

DEFAULT_PAGE = ROOT / "tests" / "fixtures" / "pages" / "reference-2022-12-02-A02.txt"


def _rate(work: Callable[[], object], seconds: float) -> tuple[int, float]:
    work()  # warm up: regex caches, imports
    count, start = 0, time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        work()
        count += 1
    return count, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", type=Path, default=DEFAULT_PAGE)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    text = read_page_file(args.page)

    cases: dict[str, Callable[[], object]] = {
        "parse_page": lambda: parse_page(text),
        "parse_page + JSON dump": lambda: json.dumps(
            page_to_dict(parse_page(text)), ensure_ascii=False
        ),
        "read file + parse_page + JSON dump": lambda: json.dumps(
            page_to_dict(parse_page(read_page_file(args.page))), ensure_ascii=False
        ),
    }
    print(f"page: {args.page.name} ({len(text)} characters), one core, ~{args.seconds:g} s each")
    for name, work in cases.items():
        count, elapsed = _rate(work, args.seconds)
        print(f"{name:36s} {count / elapsed:8.0f} pages/s  ({elapsed / count * 1000:.3f} ms/page)")


if __name__ == "__main__":
    main()
