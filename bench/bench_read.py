"""The read path under a rush: the deploy/ stack (nginx + gunicorn, production settings).

Starts Debian's nginx and gunicorn from deploy/'s files on free ports (tests/deploystack.py:
a fresh var/, the reference page imported and its e-paper published), then for the home
page, an e-paper page, a story and a section runs wrk at 16 concurrent clients and prints
requests/s and p50/p99, each beside nginx serving a static file of the same size in the same
run. Then publishes new stories and times their first reader request: after a normal
publish (the refresh has filled the cache), and with nothing cached (published without a
refresh, so nginx asks Django).

Prints figures; asserts nothing about time.

    .venv/bin/python bench/bench_read.py [--duration 5] [--connections 16] [--stories 5]
"""

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.deploystack import DATE, NGINX, PAGE, DeployStack  # noqa: E402

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}

PUBLISH = """
import datetime as dt, json, time
from chenbao.stories.models import SectionPage
from chenbao.stories.services import story_save_published
from chenbao.stories.services.writing import StoryData
section = SectionPage.objects.live().first()
out = []
for i in range({count}):
    body = tuple(("paragraph", "第%d段：新发稿件的正文，用来量一量首个读者的等待。" % j) for j in range(12))
    story = story_save_published(section=section, slug="bench-%d-%d" % (int(time.time()), i),
                                 data=StoryData(headline="压测新稿%d" % i, body=body))
    out.append(story.get_url_parts()[2])
print(json.dumps(out))
"""


def wrk(url: str, *, duration: int, connections: int, gzip: bool = False) -> dict:
    """Run wrk against `url`; return requests/s, p50 and p99 in ms, and non-2xx answers."""
    header = ["-H", "Accept-Encoding: gzip"] if gzip else []
    done = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", *header, url],
        capture_output=True,
        text=True,
        check=True,
    )
    text = done.stdout

    def latency(pct: str) -> float:
        value, unit = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\b", text, re.M).groups()
        return float(value) * UNITS[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "bad": int(errors.group(1)) if errors else 0,
    }


def median_run(runs: list[dict]) -> dict:
    """The median of each figure over the rounds."""
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def progress(step: int, total: int, label: str) -> None:
    width = 24
    filled = width * step // total
    print(
        f"\r[{'#' * filled}{'.' * (width - filled)}] {step}/{total} {label:<40}", end="", flush=True
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=3, help="seconds of one wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="runs per URL (medians shown)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--stories", type=int, default=5, help="stories published to time")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()
    if NGINX is None or shutil.which("wrk") is None:
        sys.exit("needs Debian's nginx and wrk: scripts/system-deps.sh installs them")

    with tempfile.TemporaryDirectory(prefix="chenbao-bench-read-") as tmp:
        stack = DeployStack(Path(tmp), web_workers=args.workers)
        print("preparing: migrate, collectstatic, import the reference page, publish its e-paper…")
        started = time.monotonic()
        stack.prepare()
        stack.start()
        print(
            f"stack up in {time.monotonic() - started:.0f} s: nginx :{stack.port}, gunicorn :{stack.app_port} ({args.workers} workers)"
        )
        try:
            story = re.findall(
                rb"<loc>https?://[^/]+(/[^<]*-a\d\d-\d+/)</loc>", stack.get("/sitemap.xml").body
            )[0].decode()
            section = story.rstrip("/").rsplit("/", 1)[0] + "/"
            targets = {
                "home /": "/",
                "e-paper page": f"/epaper/{DATE}/{PAGE}/",
                "story": story,
                "section": section,
            }
            rows = []
            total = 3 * len(targets) * args.rounds
            step = 0
            for i, (label, path) in enumerate(targets.items()):
                body = stack.get(path).body
                assert stack.get(path).header("x-cache") == "HIT", f"{path} is not cached"
                static_name = f"bench-{i}.html"
                (stack.var / "static" / static_name).write_bytes(b"x" * len(body))
                stack.get(path, {"Accept-Encoding": "gzip"})  # the compressed copy, cached
                pages, statics, zipped = [], [], []
                # Page and static file in turns, so both see the machine's other load alike;
                # then the page as phones ask for it (gzip).
                page_url = f"http://127.0.0.1:{stack.port}{path}"
                for _ in range(args.rounds):
                    for url, runs, what, gz in (
                        (page_url, pages, f"{label} {path}", False),
                        (
                            f"http://127.0.0.1:{stack.port}/static/{static_name}",
                            statics,
                            f"static file of {len(body)} bytes",
                            False,
                        ),
                        (page_url, zipped, f"{label} with gzip", True),
                    ):
                        progress(step, total, what)
                        runs.append(
                            wrk(url, duration=args.duration, connections=args.connections, gzip=gz)
                        )
                        step += 1
                rows.append(
                    (label, len(body), median_run(pages), median_run(statics), median_run(zipped))
                )
            progress(total, total, "done")
            print()

            print("publishing new stories…")
            before = time.monotonic()
            out = stack.chenbao("shell", "-c", PUBLISH.format(count=args.stories))
            published = json.loads(out.strip().splitlines()[-1])
            after_exit = []
            for path in published:
                t0 = time.monotonic()
                answer = stack.get(path)
                after_exit.append(
                    ((time.monotonic() - t0) * 1000, answer.status, answer.header("x-cache"))
                )
            publish_seconds = time.monotonic() - before
            # Nothing cached yet: published by a process that sends no refresh, so the first
            # reader's request goes through nginx to Django (a MISS).
            cold = []
            out = stack.chenbao(
                "shell", "-c", PUBLISH.format(count=args.stories), env={"CHENBAO_PURGE_URL": ""}
            )
            for path in json.loads(out.strip().splitlines()[-1]):
                t0 = time.monotonic()
                answer = stack.get(path)
                cold.append(
                    ((time.monotonic() - t0) * 1000, answer.status, answer.header("x-cache"))
                )
        finally:
            stack.stop()

    print()
    print(
        f"read path at {args.connections} concurrent clients, median of {args.rounds} runs of "
        f"{args.duration} s, nginx + gunicorn ({args.workers} workers)"
    )
    print(
        f"{'page':<14}{'bytes':>8}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}   {'static req/s':>12}{'p50':>7}{'p99':>7}   {'ratio':>6}   {'gzip req/s':>10}{'p99':>7}"
    )
    for label, size, page, static, zipped in rows:
        ratio = page["rps"] / static["rps"]
        bad = f"  ({page['bad']} non-2xx)" if page["bad"] else ""
        print(
            f"{label:<14}{size:>8}{page['rps']:>10.0f}{page['p50']:>9.2f}{page['p99']:>9.2f}   "
            f"{static['rps']:>12.0f}{static['p50']:>7.2f}{static['p99']:>7.2f}   {ratio:>6.0%}   "
            f"{zipped['rps']:>10.0f}{zipped['p99']:>7.2f}{bad}"
        )
    print()
    print(
        f"new stories: {len(after_exit)} published and read in {publish_seconds:.1f} s (process start included)"
    )
    firsts = [ms for ms, _, _ in after_exit]
    states = sorted({f"{status} {cache}" for _, status, cache in after_exit})
    print(
        f"  first reader request through nginx: median {statistics.median(firsts):.1f} ms, max {max(firsts):.1f} ms ({', '.join(states)})"
    )
    colds = [ms for ms, _, _ in cold]
    states = sorted({f"{status} {cache}" for _, status, cache in cold})
    print(
        f"  first reader request, nothing cached (nginx to Django): median {statistics.median(colds):.1f} ms, max {max(colds):.1f} ms ({', '.join(states)})"
    )


if __name__ == "__main__":
    main()
