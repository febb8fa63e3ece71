"""Benchmark: `chenbao import-archive` end to end, pages per second (issue 11).

Run: python bench/bench_import_archive.py [--pages 3000] [--workers 2] [--database URL]

Writes a synthetic archive with a fixed seed — the test page dumps (tests/fixtures/pages)
with other places, people and numbers put in, 16 pages a day — into a temporary folder,
migrates a fresh database (SQLite in a temporary file unless --database is given), and runs
the import as a user would: a new process, `chenbao import-archive DIR --workers N`. Then it
runs it again (every file unchanged: skipped by its hash). Prints figures; it is not a
test. Target on a 2-core machine: 300 pages/s or more, end to end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.txt"))
CHENBAO = ROOT / ".venv" / "bin" / "chenbao"
PLACES = [
    "张店",
    "淄川",
    "博山",
    "周村",
    "临淄",
    "桓台",
    "高青",
    "沂源",
    "东岭",
    "北岛",
    "西河",
    "南湖",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建文云飞"
NAMES = ["要闻", "民生", "经济", "文体", "社会", "评论", "本地", ""]
PER_DAY = 16
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_PLACE = re.compile("|".join(PLACES + ["淄博"]))


def synthetic_archive(folder: Path, pages: int, seed: int = 20221202) -> int:
    """Write `pages` page dumps under `folder` (YYYY-MM-DD/A01_要闻.txt …); return bytes."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in PAGES]
    size = 0
    day = dt.date(1996, 1, 1)
    for n in range(pages):
        if n and n % PER_DAY == 0:
            day += dt.timedelta(days=1)
        text = rng.choice(sources)
        text = _NUMBER.sub(lambda m: _vary_number(m[0], rng), text)
        text = _PLACE.sub(lambda m: rng.choice(PLACES), text)
        text = text.replace("任灵芝", rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN))
        name = rng.choice(NAMES)
        path = (
            folder / f"{day:%Y-%m-%d}" / f"A{n % PER_DAY + 1:02d}{'_' + name if name else ''}.txt"
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        size += len(text.encode())
    return size


def _vary_number(digits: str, rng: random.Random) -> str:
    if "." in digits:
        return f"{rng.uniform(0.1, 99):.2f}"
    if len(digits) >= 4 and digits.startswith(("19", "20")):
        return digits  # a year stays a year
    return str(rng.randint(1, 9 * 10 ** max(0, len(digits) - 1)))


def run(args: list[str], env: dict) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [str(CHENBAO), *args], env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"chenbao {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    lines = done.stdout.strip().splitlines()
    return seconds, lines[-1] if lines else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database", default="", help="DATABASE_URL (default: a fresh SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="chenbao-archive-") as tmp:
        folder = Path(tmp) / "archive"
        size = synthetic_archive(folder, args.pages)
        env = {
            **os.environ,
            "DATABASE_URL": args.database or f"sqlite:///{tmp}/bench.sqlite3",
            "DJANGO_SETTINGS_MODULE": "chenbao.settings.dev",
            "CHENBAO_LOG_LEVEL": "WARNING",
        }
        run(["migrate", "--noinput", "-v0"], env)
        print(f"archive: {args.pages} pages, {size / 1e6:.1f} MB of dumps, {args.workers} workers")
        import_args = [
            "import-archive",
            str(folder),
            "--workers",
            str(args.workers),
            "--no-progress",
        ]
        seconds, summary = run(import_args, env)
        print(f"first run:  {args.pages / seconds:7.0f} pages/s  ({seconds:.1f} s, new process)")
        print(f"            {summary}")
        seconds, summary = run(import_args, env)
        print(f"second run: {args.pages / seconds:7.0f} pages/s  ({seconds:.1f} s, all unchanged)")
        print(f"            {summary}")


if __name__ == "__main__":
    main()
