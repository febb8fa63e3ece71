"""Lay out a page model with Typst: PDF, PNG and where every slot landed.

No Django here: a `Page` (chenbao/editions/layout/model.py) goes in; PDF and PNG bytes,
the slot boxes (in points) and the problems found come out. Story columns are balanced
by measuring: the template guesses the shortest height that holds the text, Python reads
back where the text ended (`query`, which lays the page out without exporting anything)
and adds as many lines as the text overran by, divided among the columns, until it fits.
The template does the same inside one compile, from where the text ended in Typst's
previous layout iteration, so this loop usually settles after one measure;
text that cannot fit in its slot is cut at the last character that fits and reported as
overset. `render_pages` renders many pages on several processes.
"""

from __future__ import annotations

import dataclasses
import json
import math
import multiprocessing
import os
import secrets
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import typst

from chenbao.editions.layout.arrange import Problem, validate_slots
from chenbao.editions.layout.model import Page, Slot

TEMPLATE = Path(__file__).parent / "typst" / "page.typ"
MAX_BALANCE_PASSES = 8
# What a measure reads back: where each slot landed and where each story's text ended.
MARKS = "selector(<cb-slot>).or(<cb-end>)"


@dataclass(frozen=True)
class Typography:
    """Type settings shared by every page of an edition."""

    serif: str = "Noto Serif CJK SC"
    sans: str = "Noto Sans CJK SC"
    body_size: float = 9.6  # points
    leading: float = 4.6  # points between lines
    red: str = "#c8161d"
    blue: str = "#1f5fa8"


@dataclass(frozen=True)
class SlotBox:
    """Where a slot landed on the page, in points from the page's top left corner."""

    key: str
    kind: str
    x: float
    y: float
    w: float
    h: float
    story: str = ""
    title: str = ""
    url: str = ""
    body_top: float = 0.0
    body_h: float = 0.0
    body_avail: float = 0.0
    pitch: float = 0.0
    columns: int = 0

    def scaled(self, factor: float) -> tuple[int, int, int, int]:
        """Return (left, top, right, bottom) in pixels of an image `factor` pixels per point."""
        return (
            round(self.x * factor),
            round(self.y * factor),
            round((self.x + self.w) * factor),
            round((self.y + self.h) * factor),
        )


@dataclass
class RenderedPage:
    key: str
    pdf: bytes
    png: bytes  # b"" when rendered without the page image
    ppi: float
    width_pt: float
    height_pt: float
    boxes: list[SlotBox]
    problems: list[Problem] = field(default_factory=list)

    @property
    def png_scale(self) -> float:
        return self.ppi / 72.0

    def story_boxes(self) -> list[SlotBox]:
        return [b for b in self.boxes if b.kind == "story"]


class FontMissing(RuntimeError):
    """A font the pages need is not installed."""


def font_families() -> set[str]:
    return set(typst.Fonts().families())


def page_data(page: Page, typography: Typography) -> dict:
    """Return the JSON-ready dict the Typst template reads."""
    grid = dataclasses.asdict(page.grid)
    return {
        "grid": grid,
        "folio": dataclasses.asdict(page.folio),
        "fonts": {"serif": typography.serif, "sans": typography.sans},
        "type": {
            "body_size": typography.body_size,
            "leading": typography.leading,
            "red": typography.red,
            "blue": typography.blue,
        },
        "slots": [_slot_data(s) for s in page.slots],
    }


def _slot_data(slot: Slot) -> dict:
    data = dataclasses.asdict(slot)
    data["after"] = list(slot.after)
    return data


class TypstEngine:
    """Render pages with one warm Typst compiler (fonts loaded once, layouts cached).

    `root` is a working directory of the engine's own: the template is copied there and
    image paths in the page model are relative to it (see `add_image`).
    """

    def __init__(self, *, root: Path, typography: Typography | None = None, ppi: float = 150):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.typography = typography or Typography()
        self.ppi = ppi
        # Files of this engine's own: several engines (processes) may share one root.
        token = secrets.token_hex(6)
        main = self.root / f"page-{token}.typ"
        main.write_bytes(TEMPLATE.read_bytes())
        self._data = self.root / f"page-{token}.json"
        self._compiler = typst.Compiler(
            input=str(main), root=str(self.root), sys_inputs={"page-file": "/" + self._data.name}
        )
        self._lock = threading.Lock()
        self.measures = 0  # layouts measured, for benchmarks
        self.settle = True  # let the template balance within a compile (see measure)
        self._measured: Page | None = None  # the page the compiler holds, when measured

    def check_fonts(self) -> list[str]:
        """Return the needed font families that are not installed."""
        have = font_families()
        return [f for f in (self.typography.serif, self.typography.sans) if f not in have]

    # -- measuring ---------------------------------------------------------------------------
    def _load(self, page: Page, *, settle: bool = True) -> None:
        """Give the compiler `page` (call with the lock held)."""
        data = page_data(page, self.typography)
        if not settle:
            data["settle"] = False
        self._data.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def measure(self, page: Page, *, settle: bool = True) -> tuple[list[SlotBox], dict[str, dict]]:
        """Lay out `page` and return its slot boxes and where each story's text ended.

        The template balances story columns itself within the compile (`settle`); with
        `settle` false it sets each body at its first guess plus `extra_lines`, as given.
        """
        with self._lock:
            self._load(page, settle=settle)
            self._measured = page
            self.measures += 1
            # `query` lays the page out (no PDF made); one query reads both kinds of mark.
            found = json.loads(self._compiler.query(MARKS))
        slots = [m["value"] for m in found if m["label"] == "<cb-slot>"]
        ends = [m["value"] for m in found if m["label"] == "<cb-end>"]
        return _boxes(slots), {e["key"]: e for e in ends}

    @staticmethod
    def _fits(box: SlotBox, end: dict | None) -> bool:
        if end is None:
            return False
        # The end mark sits at the top of the last line: that line must end inside the body.
        return end["y"] + box.pitch * 0.6 <= box.body_top + box.body_h + 0.5

    @staticmethod
    def _lines_short(box: SlotBox, end: dict | None) -> int:
        """How many lines to add to every column of a story that does not fit.

        The text that did not fit runs on below the body in its last column: that many
        lines, shared among the columns, is the least that can make it fit (column breaks
        may need more, which the next pass finds).
        """
        if end is None:
            return 1
        over = end["y"] + box.pitch * 0.6 - (box.body_top + box.body_h + 0.5)
        lines = max(1, math.ceil(over / box.pitch))
        return max(1, math.ceil(lines / max(1, box.columns)))

    # -- laying out ----------------------------------------------------------------------------
    def lay_out(self, page: Page) -> tuple[Page, list[Problem]]:
        """Balance every story's columns and cut overset text; return the final page model."""
        page, problems, _ = self._lay_out(page)
        return page, problems

    def _lay_out(self, page: Page) -> tuple[Page, list[Problem], list[SlotBox] | None]:
        """`lay_out`, and the slot boxes when the last measure was of the final page."""
        page, problems = validate_slots(page)
        overset: set[str] = set()
        for _ in range(MAX_BALANCE_PASSES):
            boxes, ends = self.measure(page, settle=self.settle)
            changed = False
            for box in boxes:
                if box.kind != "story" or box.key in overset:
                    continue
                end = ends.get(box.key)
                if self._fits(box, end):
                    continue
                slot = page.slot(box.key)
                room = math.floor((box.body_avail + 0.5 - box.body_h) / box.pitch)
                if room >= 1:
                    add = min(room, self._lines_short(box, end))
                    page = page.with_slot(
                        dataclasses.replace(slot, extra_lines=slot.extra_lines + add)
                    )
                else:
                    page, problem = self._cut_overset(page, slot)
                    problems.append(problem)
                    overset.add(slot.key)
                changed = True
            if not changed:
                return page, problems, boxes
        return page, problems, None

    def _cut_overset(self, page: Page, slot: Slot) -> tuple[Page, Problem]:
        """Keep as many characters as fit in the slot and report how many did not."""
        story = slot.story
        assert story is not None
        total = story.body_chars()
        lo, hi = 0, total  # lo fits (an empty body always does), hi does not
        while hi - lo > 1:
            mid = (lo + hi) // 2
            trial = page.with_slot(dataclasses.replace(slot, story=story.truncated(mid)))
            boxes, ends = self.measure(trial, settle=self.settle)
            box = next(b for b in boxes if b.key == slot.key)
            if self._fits(box, ends.get(slot.key)):
                lo = mid
            else:
                hi = mid
        cut = page.with_slot(dataclasses.replace(slot, story=story.truncated(lo)))
        missing = total - lo
        message = (
            f"{page.key}版 {slot.key}：稿件《{story.headline}》超出版位，"
            f"有{missing}字排不下（共{total}字），请删改稿件或放大版位"
        )
        return cut, Problem(page.key, slot.key, "overset", message, chars=missing)

    def render(self, page: Page, *, png: bool = True) -> RenderedPage:
        """Lay out `page` and return its PDF, PNG (unless `png` is false) and slot boxes."""
        page, problems, boxes = self._lay_out(page)
        with self._lock:
            if boxes is None or self._measured is not page:
                self._load(page)
                boxes = None
            # Otherwise the compiler still holds the page last measured: its layout is reused.
            pdf = self._compiler.compile(format="pdf")
            image = self._compiler.compile(format="png", ppi=self.ppi) if png else b""
            if boxes is None:
                boxes = _boxes(json.loads(self._compiler.query("<cb-slot>", field="value")))
        if isinstance(image, list):
            image = image[0]
        grid = page.grid
        return RenderedPage(
            key=page.key,
            pdf=pdf,
            png=image,
            ppi=self.ppi,
            width_pt=grid.width * 72 / 25.4,
            height_pt=grid.height * 72 / 25.4,
            boxes=boxes,
            problems=problems,
        )


def _boxes(slots: list[dict]) -> list[SlotBox]:
    return [SlotBox(**{k: v for k, v in s.items() if k not in ("avail", "lines")}) for s in slots]


# -- many pages at once ------------------------------------------------------------------------
@dataclass
class RenderFailed:
    """A page that could not be rendered (in place of its RenderedPage)."""

    key: str
    message: str


def render_workers(setting: int | None = None) -> int:
    """The number of rendering processes: `setting`, or one per core (at most 8)."""
    if setting:
        return max(1, int(setting))
    return max(1, min(os.cpu_count() or 1, 8))


# A worker process's start (interpreter, imports, fonts) costs about as much as laying
# out two pages: below this many pages per worker, render in the calling process.
PARALLEL_MIN_PAGES = 3

_worker: TypstEngine | None = None


def _worker_start(root: str, typography: Typography, ppi: float) -> None:
    global _worker
    _worker = TypstEngine(root=Path(root), typography=typography, ppi=ppi)


def _worker_render(page: Page, png: bool) -> RenderedPage | RenderFailed:
    assert _worker is not None
    return _render_one(_worker, page, png)


def _render_one(engine: TypstEngine, page: Page, png: bool) -> RenderedPage | RenderFailed:
    try:
        return engine.render(page, png=png)
    except Exception as exc:  # one bad page must not stop the others
        return RenderFailed(page.key, getattr(exc, "message", None) or str(exc))


class RenderPool:
    """Processes that each keep a warm engine in `root` (images are relative to it).

    Starting one costs a fresh interpreter and font loading per process (a few tenths of
    a second); keep it open to render several editions. Use as a context manager.
    """

    def __init__(
        self, *, root: Path, typography: Typography | None = None, ppi: float = 150, workers: int
    ):
        self.workers = workers
        # Workers are forked from a "forkserver": a fresh interpreter that has imported
        # this module and nothing else. Never a fork of the calling process, which may
        # hold Typst's threads or database connections; quicker to start than "spawn".
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_worker_start,
            initargs=(str(root), typography or Typography(), ppi),
        )

    def __enter__(self) -> RenderPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._pool.shutdown()

    def render(
        self,
        pages: Sequence[Page],
        *,
        png: bool = True,
        done: Callable[[int, RenderedPage | RenderFailed], None] | None = None,
    ) -> list[RenderedPage | RenderFailed]:
        """Render `pages`, returned in order; `done(index, result)` as each one finishes."""
        results: list[RenderedPage | RenderFailed | None] = [None] * len(pages)
        futures = {self._pool.submit(_worker_render, p, png): i for i, p in enumerate(pages)}
        for future in as_completed(futures):
            i = futures[future]
            try:
                results[i] = future.result()
            except Exception as exc:  # the worker process itself died
                results[i] = RenderFailed(pages[i].key, str(exc) or type(exc).__name__)
            if done:
                done(i, results[i])  # type: ignore[arg-type]
        return results  # type: ignore[return-value]


def render_pages(
    pages: Sequence[Page],
    *,
    root: Path,
    typography: Typography | None = None,
    ppi: float = 150,
    png: bool = True,
    workers: int = 1,
    engine: TypstEngine | None = None,
    done: Callable[[int, RenderedPage | RenderFailed], None] | None = None,
) -> list[RenderedPage | RenderFailed]:
    """Render `pages` (images relative to `root`), in order, on up to `workers` processes.

    Starting processes costs more than it saves for a few pages: fewer than
    PARALLEL_MIN_PAGES pages, or one worker, render here with `engine` (or a new one).
    `done(index, result)` is called as each page finishes, in the order they finish.
    """
    workers = max(1, min(workers, len(pages) // PARALLEL_MIN_PAGES))
    if workers > 1:
        with RenderPool(root=root, typography=typography, ppi=ppi, workers=workers) as pool:
            return pool.render(pages, png=png, done=done)
    engine = engine or TypstEngine(root=root, typography=typography, ppi=ppi)
    results = []
    for i, page in enumerate(pages):
        results.append(_render_one(engine, page, png))
        if done:
            done(i, results[-1])
    return results
