"""Benchmark: the archive's search at the size of a city daily's history (issue 11).

Run: python bench/bench_archive.py [--stories 100000] [--import-pages 3000] [--workers 2]
     [--threads 2] [--compare] [--recall-sample 100000]

Two parts, both with a fixed seed:

1. Import and index end to end, as a user would (new processes, a fresh SQLite database):
   a synthetic archive of page dumps (bench_import_archive.synthetic_archive: the test
   dumps with other places, people and numbers) goes through `chenbao import-archive`
   (which indexes each batch through the queue), then `chenbao search-reindex` rebuilds the
   index from the database. Prints pages/s and stories/s of each.
2. The engine at `--stories` stories: synthetic stories of about 1,500 characters (the test
   dumps' paragraphs recombined with other places, names, numbers and words, headlines
   likewise, dates over 30 years, sections, pages and bylines), indexed with the same code
   the service uses (Engine.write; from 50,000 stories on with the common grams counted on a
   sample, as `search-reindex` does), then 26 query shapes (2-character, 4-character, phrase,
   several words, Latin and digits, filtered by date, section, page and byline, rare, very
   common), each timed over repeats (p50/p99 of the top-20 search a reader's page runs, a
   costly one on `--threads` cores as CHENBAO_SEARCH_THREADS has it) and
   checked against a brute-force substring scan of every story (recall and precision of
   the full hit set). Prints build time, index size, peak memory.

Prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import multiprocessing
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_import_archive import GIVEN, PLACES, SURNAMES, synthetic_archive  # noqa: E402

from chenbao.archive.search.engine import (  # noqa: E402  # noqa: E402
    GRAMS_FROM,
    GRAMS_SAMPLE,
    Engine,
    Filters,
    Grams,
    SearchDoc,
    doc_fields,
    document_from_fields,
)
from chenbao.archive.search.tokens import CJK, common_grams, normalise, parse_query  # noqa: E402

CHENBAO = ROOT / ".venv" / "bin" / "chenbao"
PAGES = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.txt"))
SECTIONS = ["要闻", "民生", "经济", "文体", "社会", "评论", "本地", "教育"]
MORE_PLACES = PLACES + ["淄博", "济南", "青岛", "潍坊", "滨州", "东营", "莱芜", "泰安"]
RARE = "鲁中晨报档案馆"  # put into 1 story in 20,000: the rare query
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_PLACE = re.compile("|".join(MORE_PLACES))
_CJK = re.compile(r"[\u4e00-\u9fff]{2,}")


class Corpus:
    """Paragraphs, headlines and words of the test dumps, recombined story by story."""

    def __init__(self, seed: int):
        self.seed = seed
        paragraphs, heads = [], []
        for path in PAGES:
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if line.startswith("#"):
                    heads.append(line.lstrip("# ").strip())
                elif len(line) >= 30:
                    paragraphs.append(line)
        self.paragraphs = paragraphs
        self.heads = [h for h in heads if len(h) >= 4]
        words = sorted(
            {
                w[i : i + 2]
                for w in _CJK.findall(" ".join(paragraphs))
                for i in range(0, len(w) - 1, 2)
            }
        )
        self.words = words

    def story(self, i: int) -> SearchDoc:
        rng = random.Random(self.seed * 1_000_003 + i)
        place = rng.choice(MORE_PLACES)

        def vary(text: str) -> str:
            text = _NUMBER.sub(lambda m: str(rng.randint(1, 999)), text)
            return _PLACE.sub(
                lambda m: rng.choice(MORE_PLACES) if rng.random() < 0.5 else place, text
            )

        body: list[str] = []
        size = rng.randint(900, 2100)
        while sum(map(len, body)) < size:
            body.append(vary(rng.choice(self.paragraphs)))
            # a sentence of other words: the vocabulary of a real archive is wider
            body.append("".join(rng.choice(self.words) for _ in range(rng.randint(4, 12))) + "。")
        text = "".join(body)[:size]
        if i % 20_000 == 7:
            text = text[:200] + RARE + text[200:]
        day = dt.date(1996, 1, 1) + dt.timedelta(days=i * 10_950 // max(1, self.n))
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        return SearchDoc(
            id=i + 1,
            head=vary(rng.choice(self.heads)),
            body=f"{place}{day.month}月{day.day}日讯 " + text,
            day=day,
            sections=(rng.choice(SECTIONS),),
            page=f"A{rng.randint(1, 16):02d}",
            bylines=(name,),
            kind="printed",
        )

    n = 1


QUERIES: list[tuple[str, str, dict]] = [
    ("2 characters, common", "淄博", {}),
    ("2 characters", "供暖", {}),
    ("2 characters", "植树", {}),
    ("2 characters", "航线", {}),
    ("4 characters", "民生建设", {}),
    ("6 characters", "城市健康客厅", {}),
    ("4 characters", "燃气设施", {}),
    ("4 characters", "公园绿地", {}),
    ("longer", "老旧小区改造", {}),
    ("phrase", "“加速推进教育均衡发展”", {}),
    ("phrase across punctuation", "“实干力行，聚焦抓统筹”", {}),
    ("several words", "淄博 供暖", {}),
    ("several words", "民生 教育 医疗", {}),
    ("several words", "张店 公园 绿地", {}),
    ("Latin", "AED", {}),
    ("digits and characters", "12月1日", {}),
    (
        "filtered: one year",
        "供暖",
        {"date_from": dt.date(2010, 1, 1), "date_to": dt.date(2010, 12, 31)},
    ),
    ("filtered: section", "民生建设", {"section": "民生"}),
    ("filtered: page", "供暖", {"page": "A03"}),
    (
        "filtered: byline + decade",
        "记者",
        {
            "byline": "(story 2's)",
            "date_from": dt.date(1996, 1, 1),
            "date_to": dt.date(2005, 12, 31),
        },
    ),
    ("rare", RARE, {}),
    ("rare, 2 words", "鲁中 档案馆", {}),
    ("very common", "记者", {}),
    ("very common", "全市", {}),
    ("nothing", "书城市", {}),
    ("common pairs, rare order", "建设民生", {}),
]


def brute(doc: SearchDoc, phrases: list[re.Pattern], f: Filters) -> bool:
    """The reference answer: every phrase a substring of the headline or the body."""
    if f.date_from and doc.day < f.date_from or f.date_to and doc.day > f.date_to:
        return False
    if f.section and f.section not in doc.sections or f.page and f.page != doc.page:
        return False
    if f.byline and f.byline not in doc.bylines:
        return False
    head, body = normalise(doc.head), normalise(doc.body)
    for pattern in phrases:
        for text in (head, body):
            if _in_order(text, pattern):
                break
        else:
            return False
    return True


def _pattern(pieces: list[str]) -> re.Pattern:
    """Pieces in order, a break (punctuation, space) between them; a Latin or digit word
    matches whole words only (630 is not in 6300), as the engine's units do."""
    out = []
    for piece in pieces:
        p = re.escape(piece)
        if piece[0].isascii():
            p = "(?<![a-z0-9])" + p
        if piece[-1].isascii():
            p += "(?![a-z0-9])"
        out.append(p)
    return re.compile(f"[^{CJK}a-z0-9]+".join(out))


def _in_order(text: str, pattern: re.Pattern) -> bool:
    literal = _LITERALS.get(pattern.pattern)
    if literal is None:
        pieces = re.findall(f"[{CJK}a-z0-9]+", pattern.pattern.replace(CJK, ""))
        literal = _LITERALS[pattern.pattern] = max(pieces, key=len) if pieces else ""
    if literal not in text:  # most stories lack the query's longest piece: no regex
        return False
    return pattern.search(text) is not None


_LITERALS: dict[str, str] = {}


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


_CORPUS: Corpus | None = None
_GRAMS: Grams | None = None


def _init(seed: int, stories: int, grams: Grams | None = None) -> None:
    global _CORPUS, _GRAMS
    _CORPUS = Corpus(seed)
    _CORPUS.n = stories
    _GRAMS = grams


def _fields(span: tuple[int, int]) -> tuple[list[tuple], int]:
    """Worker: generate and tokenise stories [start, end)."""
    assert _CORPUS is not None
    docs = [_CORPUS.story(i) for i in range(*span)]
    return [doc_fields(d, _GRAMS) for d in docs], sum(len(d.head) + len(d.body) for d in docs)


def _brute(job: tuple[tuple[int, int], list]) -> list[set[int]]:
    """Worker: the brute-force answer of every query over stories [start, end)."""
    assert _CORPUS is not None
    span, parsed = job
    found: list[set[int]] = [set() for _ in parsed]
    for i in range(*span):
        doc = _CORPUS.story(i)
        for k, (patterns, f) in enumerate(parsed):
            if brute(doc, patterns, f):
                found[k].add(doc.id)
    return found


def engine_part(
    stories: int,
    repeats: int,
    seed: int,
    workers: int,
    sample: int,
    replicate: int = 1,
    threads: int = 2,
    compare: bool = False,
) -> None:
    """`replicate` K > 1: generate stories/K stories and index each K times (other ids),
    to measure query times at a size whose generation and tokenising would take hours here;
    recall is then not measured (the texts repeat)."""
    total = stories
    stories = stories // replicate
    _init(seed, stories)
    byline = _CORPUS.story(1).bylines[0]
    queries = [
        (label, q, {**f, "byline": byline} if f.get("byline") else f) for label, q, f in QUERIES
    ]
    spans = [(i, min(stories, i + 5_000)) for i in range(0, stories, 5_000)]
    with contextlib.ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="chenbao-search-"))
        engine = Engine(Path(tmp) / "index", threads=threads)
        started = time.perf_counter()
        # as `search-reindex` does: the common grams of a large archive, counted on a sample
        grams = None
        if total >= GRAMS_FROM:
            assert _CORPUS is not None
            picked = random.Random(seed).sample(range(stories), min(stories, GRAMS_SAMPLE))
            drawn = [(d.head, d.body) for d in map(_CORPUS.story, picked)]
            grams = engine.keep_grams(common_grams(drawn), counted=len(drawn))
            print(
                f"  {len(grams.kept):,} common grams of 4 units and {len(grams.long):,} of 6 "
                f"kept, counted on {len(picked):,} stories "
                f"in {time.perf_counter() - started:.1f} s"
            )
        pool = stack.enter_context(
            multiprocessing.get_context("fork").Pool(workers, _init, (seed, stories, grams))
        )
        writer = engine.writer(heap=512_000_000)
        chars = done = 0
        for fields, n_chars in pool.imap(_fields, spans):
            for f in fields:
                for copy in range(replicate):
                    doc_id = (f[0] - 1) * replicate + copy + 1
                    writer.add_document(document_from_fields((doc_id, *f[1:])))
            chars += n_chars * replicate
            done += len(fields) * replicate
            rate = done / (time.perf_counter() - started)
            print(f"\r  indexing {done:,}/{total:,} stories, {rate:,.0f}/s", end="", flush=True)
        writer.commit()
        writer.wait_merging_threads()
        del writer
        build = time.perf_counter() - started
        print()
        size = engine.size_bytes()
        if replicate > 1:
            print(f"(each of {stories:,} generated stories indexed {replicate} times)")
        stories = total
        print(
            f"engine: {stories:,} stories, {chars / stories:,.0f} characters each on average; "
            f"built in {build:.0f} s with {workers} worker processes tokenising "
            f"({stories / build:,.0f} stories/s, generating the stories included); "
            f"index {size / 1e6:,.0f} MB ({size / (chars * 3):.2f}× the UTF-8 text)"
        )
        rows = []
        all_ms: list[float] = []
        for label, query, filt in queries:
            times = _timed(engine, query, Filters(**filt), repeats)
            all_ms += times
            rows.append((label, query, filt, engine.search(query, Filters(**filt)).total, times))
        if compare:
            _compare(engine, queries, repeats, threads)
        # recall and precision: the full hit set against a brute-force scan of the first
        # `sample` stories (all of them unless the archive is larger)
        sample = min(sample, stories) if replicate == 1 else 0
        parsed = []
        for _, query, filt in queries:
            pieces = [p.text.split() for p in parse_query(query).phrases]
            parsed.append(([_pattern(p) for p in pieces], Filters(**filt)))
        t = time.perf_counter()
        expected: list[set[int]] = [set() for _ in queries]
        jobs = [((a, min(b, sample)), parsed) for a, b in spans if a < sample]
        for part in pool.imap(_brute, jobs):
            for k, found in enumerate(part):
                expected[k] |= found
        print(
            f"brute-force scan of {sample:,} stories for {len(queries)} queries: "
            f"{time.perf_counter() - t:.0f} s"
        )
        print(f"queries: top 20, a costly one split across {threads} thread(s)")
        print(
            f"{'query':<28}{'':<16}{'hits':>10}{'p50 ms':>9}{'p99 ms':>9}{'recall':>8}{'prec.':>7}"
        )
        recalls = []
        for k, (label, query, filt, total, times) in enumerate(rows):
            got = (
                set(engine.search(query, Filters(**filt), limit=max(1, total)).ids)
                if total and sample
                else set()
            )
            got = {i for i in got if i <= sample}
            want = expected[k]
            recall = len(got & want) / len(want) if want else 1.0
            precision = len(got & want) / len(got) if got else 1.0
            recalls.append(recall)
            measured = f"{recall:>8.3f}{precision:>7.3f}" if sample else f"{'n/a':>8}{'n/a':>7}"
            print(
                f"{label:<28}{query[:12]:<16}{total:>10,}{statistics.median(times):>9.2f}"
                f"{percentile(times, 99):>9.2f}{measured}"
            )
        recall_text = (
            f"recall min {min(recalls):.3f}, mean {statistics.mean(recalls):.3f}"
            if sample
            else "recall not measured (texts replicated, or --recall-sample 0)"
        )
        print(
            f"all queries: p50 {statistics.median(all_ms):.2f} ms, "
            f"p99 {percentile(all_ms, 99):.2f} ms (top 20, {repeats} runs each); {recall_text}"
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of the searching process: {peak:,.0f} MB{_resident()}")


def _resident() -> str:
    """Now: the process's own memory, and the pages of the index's files it has mapped (the
    kernel's page cache, given back under pressure), from /proc on Linux."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return ""
    kb = {k: int(v.split()[0]) for k, v in re.findall(r"^(Rss\w+):\s+(.+)$", status, re.M)}
    return (
        f"; now {kb.get('RssAnon', 0) / 1024:,.0f} MB its own, "
        f"{kb.get('RssFile', 0) / 1024:,.0f} MB of mapped index files"
    )


def _timed(engine: Engine, query: str, f: Filters, repeats: int) -> list[float]:
    """Milliseconds of each of `repeats` top-20 searches, after one to warm up."""
    engine.search(query, f)
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        engine.search(query, f, limit=20)
        times.append((time.perf_counter() - t) * 1000)
    return times


def _compare(engine: Engine, queries: list, repeats: int, threads: int) -> None:
    """The same index searched three ways, query by query, in turn (the same machine, the
    same minute): as the service does, with pairs only (no grams), with grams on one core."""
    ways = {
        "service": engine,
        "pairs only": Engine(engine.path, threads=threads, grams=False),
        "grams, 1 core": Engine(engine.path, threads=1),
    }
    print(f"p50 / p99 ms, each way in turn ({repeats} runs each):")
    print(f"{'query':<28}{'':<16}{'terms':>7}" + "".join(f"{w:>18}" for w in ways))
    for label, query, filt in queries:
        f = Filters(**filt)
        how = {p.gram for p in engine.plans(query).values()}
        cells = []
        for way in ways.values():
            times = _timed(way, query, f, repeats)
            cells.append(f"{statistics.median(times):>9.1f}{percentile(times, 99):>9.1f}")
        kinds = {0: "pairs", 4: "grams4", 6: "grams6"}
        kind = "-" if not how else kinds[min(how)] if len(how) == 1 else "mixed"
        print(f"{label:<28}{query[:12]:<16}{kind:>7}" + "".join(cells))


def _import(folder: Path, tmp: str, name: str, workers: int, defer: bool) -> tuple[dict, int]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp}/{name}.sqlite3",
        "DJANGO_SETTINGS_MODULE": "chenbao.settings.dev",
        "CHENBAO_LOG_LEVEL": "WARNING",
        "CHENBAO_SEARCH_DIR": f"{tmp}/{name}-search",
        "CHENBAO_SCHEDULER_IN_PROCESS": "0",
    }
    subprocess.run([str(CHENBAO), "migrate", "--noinput", "-v0"], env=env, check=True)
    args = ["import-archive", str(folder), "--workers", str(workers), "--no-progress"]
    t = time.perf_counter()
    done = subprocess.run(
        [str(CHENBAO), *args, *(["--defer-index"] if defer else [])],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - t
    summary = next((x for x in done.stdout.splitlines() if x.startswith("imported")), "")
    found = re.search(r"\((\d+) stories", summary)
    stories = int(found.group(1)) if found else 0
    pages = sum(1 for _ in folder.glob("*/*.txt"))
    what = "parse, store; index deferred" if defer else "parse, store, index each batch"
    print(
        f"  import-archive ({what}): {pages / seconds:,.0f} pages/s, "
        f"{stories / seconds:,.0f} stories/s ({seconds:.0f} s, a new process; {stories:,} stories)"
    )
    return env, stories


def import_part(pages: int, workers: int) -> None:
    with tempfile.TemporaryDirectory(prefix="chenbao-archive-") as tmp:
        folder = Path(tmp) / "archive"
        size = synthetic_archive(folder, pages)
        print(f"import: {pages:,} pages, {size / 1e6:.1f} MB of dumps, {workers} workers")
        _import(folder, tmp, "indexed", workers, defer=False)
        env, stories = _import(folder, tmp, "deferred", workers, defer=True)
        t = time.perf_counter()
        out = subprocess.run(
            [str(CHENBAO), "search-reindex", "--no-progress"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        seconds = time.perf_counter() - t
        print(
            f"  then search-reindex: {stories / seconds:,.0f} stories/s "
            f"({seconds:.0f} s, a new process)\n            {out.splitlines()[-1]}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--import-pages", type=int, default=3000, help="0: skip the import part")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2, help="cores one costly query uses")
    parser.add_argument("--seed", type=int, default=20221202)
    parser.add_argument(
        "--replicate", type=int, default=1, help="index each generated story K times"
    )
    parser.add_argument(
        "--recall-sample", type=int, default=100_000, help="stories the brute force scans"
    )
    parser.add_argument(
        "--compare",
        action="store_true",
        help="also time each query with pairs only and with grams on one core",
    )
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    if args.import_pages:
        import_part(args.import_pages, args.workers)
    engine_part(
        args.stories,
        args.repeats,
        args.seed,
        args.workers,
        args.recall_sample,
        args.replicate,
        args.threads,
        args.compare,
    )


if __name__ == "__main__":
    main()
