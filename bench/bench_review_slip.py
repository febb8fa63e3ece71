"""Typeset review slips (审稿单) and print how long one takes.

Run: .venv/bin/python bench/bench_review_slip.py   (no database needed)
"""

import json
import sys
import time
from pathlib import Path

import typst

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = (ROOT / "chenbao/stories/typst/review_slip.typ").read_bytes()


def slip(n: int) -> str:
    entry = {
        "decision": "通过",
        "opinion": "事实核实无误，同意。" * 8,
        "reviewer": "王编辑",
        "at": "2026-12-01 21:30",
    }
    level = {"summary": "通过（王编辑）", "earlier": 2, "entries": [entry] * 3}
    return json.dumps(
        {
            "paper": "鲁中晨报",
            "id": str(n),
            "section": "本地",
            "kicker": "全市新增公办幼儿园学位",
            "headline": f"淄博今年新建改扩建幼儿园{n}所",
            "subtitle": "新增学位超万个",
            "author": "li_reporter",
            "chars": "1200",
            "status": "已通过终审",
            "levels": [dict(level, label=label) for label in ("初审", "复审", "终审")],
            "printed_at": "2026-12-01 22:00",
        },
        ensure_ascii=False,
    )


def main() -> None:
    typst.compile(TEMPLATE, sys_inputs={"data": slip(0)})  # font discovery, first run
    runs = 20
    start = time.perf_counter()
    for n in range(runs):
        pdf = typst.compile(TEMPLATE, sys_inputs={"data": slip(n)})
    elapsed = time.perf_counter() - start
    print(
        f"review slip PDF: {elapsed / runs * 1000:.0f} ms each over {runs} runs, {len(pdf) // 1024} KiB"
    )


if __name__ == "__main__":
    sys.exit(main())
