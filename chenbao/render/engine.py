"""Lay out a page model with Typst: PDF, PNG and where every slot landed.

No Django here: a `Page` (chenbao/editions/layout/model.py) goes in; PDF and PNG bytes,
the slot boxes (in points) and the problems found come out. Story columns are balanced
by measuring: the template guesses the shortest height that holds the text, Python reads
back where the text ended (`query`, which lays the page out without exporting anything)
and adds as many lines as the text overran by, divided among the columns, until it fits.
The template does the same inside one compile, from where the text ended in Typst's
previous layout iteration, so this loop usually settles after one measure;
text that cannot fit in its slot is cut at the last character that fits and reported as
overset. `render_pages` renders many pages on several threads: Typst releases the GIL
while it lays out and exports, and every engine of a process shares one font search.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import re
import secrets
import threading
import unicodedata
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import typst

from chenbao.editions.layout.arrange import Problem, validate_slots
from chenbao.editions.layout.model import Page, Slot

TEMPLATE = Path(__file__).parent / "typst" / "page.typ"
MAX_BALANCE_PASSES = 8
# What a measure reads back: where each slot landed and where each story's text ended.
MARKS = "selector(<cb-slot>).or(<cb-end>)"


Colour = str | tuple[float, float, float, float]
COLOURS = ("red", "blue", "ink", "grey", "tint")  # Typography's colours, named in the template
_CMYK = re.compile(r"cmyk\(\s*" + r"\s*,\s*".join([r"([\d.]+)\s*%?"] * 4) + r"\s*\)", re.I)


def colour(value: Colour) -> dict:
    """Return a colour as the template reads it: {"cmyk": [c, m, y, k]} (percent) or {"rgb": hex}.

    Accepts "cmyk(0%, 100%, 100%, 20%)" (the % signs may be left out), a tuple of four
    percentages (0–100) meaning CMYK, or an RGB hex string "#c8161d" / "#c11".
    """
    if isinstance(value, tuple | list):
        parts = [float(v) for v in value]
        if len(parts) != 4:
            raise ValueError(f"CMYK colour needs four percentages, got {value!r}")
    elif (m := _CMYK.fullmatch(value.strip())) is not None:
        parts = [float(v) for v in m.groups()]
    elif re.fullmatch(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", value.strip()):
        return {"rgb": value.strip()}
    else:
        raise ValueError(f"not a colour: {value!r} (use 'cmyk(c%, m%, y%, k%)' or '#rrggbb')")
    if not all(0 <= v <= 100 for v in parts):
        raise ValueError(f"CMYK percentages must be 0–100: {value!r}")
    return {"cmyk": parts}


@dataclass(frozen=True)
class Typography:
    """Type settings shared by every page of an edition.

    Colours are for the press: "cmyk(c%, m%, y%, k%)" or a tuple of four percentages goes
    into the PDF as DeviceCMYK; "#rrggbb" is kept as RGB, if a paper wants that (see
    `colour`). The defaults print text, rules and the QR code on the black plate alone,
    and the PNG (Typst converts CMYK with an ICC profile) shows them close to the RGB
    they replaced: red #c4161b for #c8161d, blue #1d63a7 for #1f5fa8, grey #58585a for
    #5a5a5a, tint #fcf2e6 for #fbf3e6; black (K 100 %) shows as #231f20, as it prints.
    """

    serif: str = "Noto Serif CJK SC"
    sans: str = "Noto Sans CJK SC"
    body_size: float = 9.6  # points
    leading: float = 4.6  # points between lines
    red: Colour = "cmyk(0%, 100%, 100%, 20%)"  # tip-line banner, hotline, ad slogans
    blue: Colour = "cmyk(90%, 65%, 5%, 0%)"  # weather box
    ink: Colour = "cmyk(0%, 0%, 0%, 100%)"  # text, rules, QR code
    grey: Colour = "cmyk(0%, 0%, 0%, 80%)"  # ad labels (广告, 公益广告)
    tint: Colour = "cmyk(0%, 3%, 8%, 1%)"  # background of public-service ads

    def __post_init__(self) -> None:
        self.colours()  # a bad colour fails here, not in the template

    def colours(self) -> dict[str, dict]:
        """The page's colours as the template reads them (see `colour`)."""
        return {name: colour(getattr(self, name)) for name in COLOURS}


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


_fonts: typst.Fonts | None = None
_fonts_lock = threading.Lock()


def system_fonts() -> typst.Fonts:
    """The machine's fonts, searched once per process and shared by every engine.

    Sharing matters: a compiler given the shared fonts starts in half a millisecond and
    lays out its first page as fast as a warm one, where a compiler with fonts of its own
    spends ~0.2 s searching and loading the CJK fonts (measured in bench/bench_render.py's
    "started for the run" figures). Fonts installed later are seen after a restart.
    """
    global _fonts
    with _fonts_lock:
        if _fonts is None:
            _fonts = typst.Fonts()
        return _fonts


def font_families() -> set[str]:
    return set(system_fonts().families())


PT_PER_MM = 72 / 25.4


def _em_floor(ch: str) -> float:
    """The least width, in em, that Typst can give `ch` in a justified line of the body.

    Ideographs and other wide characters take a full em; CJK punctuation may be
    compressed to half an em. Narrow characters are set from the CJK font's Latin: digits
    are at least 0.47 em in Noto Serif CJK and 0.59 em in Noto Sans CJK, "%" 0.92 em,
    other glyphs at least 0.19 em, and a space may shrink in a justified line. A paper
    using narrower fonts gets columns a line taller than needed at worst, never lost text.
    """
    if unicodedata.east_asian_width(ch) in "WF":
        return 0.5 if unicodedata.category(ch)[0] in "PZS" else 1.0
    if "0" <= ch <= "9":
        return 0.45
    if ch == "%":
        return 0.9
    return 0.1 if ch.isspace() else 0.19


def _ideograph(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF" and unicodedata.category(ch) == "Lo"


def _paragraph_floor_em(text: str, line_em: float) -> float | None:
    """Return the least width of `text` in em, or None if a line could overflow.

    The width over the line width is a floor on the number of lines only if no line is
    overfull, that is if no run that cannot be broken is wider than a line. Line breaks
    are certain only between two ideographs, and no glyph is wider than an em: a run
    without such a break of more characters than a line holds ems (a long URL or English
    word, a row of punctuation) leaves the measuring to Typst.
    """
    total = 0.0
    run = 0
    after_ideograph = False
    for ch in text:
        ideograph = _ideograph(ch)
        run = 1 if after_ideograph and ideograph else run + 1
        if run > line_em:
            return None
        total += _em_floor(ch)
        after_ideograph = ideograph
    return total


def body_floor(slot: Slot, grid, typography: Typography) -> float | None:
    """Return a height, in points, that the story's body set in one column cannot be under.

    The template starts balancing from this height divided among the body's columns and
    adds the lines the text overran by (see the template): starting from below keeps the
    columns at the fewest lines that hold the text, and spares Typst laying the whole
    body out once more just to measure it (~15 % of a page's time). None when the body has
    a photo, whose height only Typst knows, or a run of text that might not break: the
    template measures such bodies.
    """
    story = slot.story
    if story is None or any(b.kind == "image" for b in story.blocks):
        return None
    size, leading = typography.body_size, typography.leading
    columns = max(1, slot.body_columns)
    width = (grid.span_width(slot.span) - (columns - 1) * grid.gutter) * PT_PER_MM / columns
    line_em = width / size
    # The body as the template sets it: blocks of (height, space above, space below); the
    # space between two blocks is the larger of the two (as Typst does).
    parts: list[tuple[float, float, float]] = []
    for i, block in enumerate(story.blocks):
        if block.kind == "subhead":  # one line of 1.02 em in a ruled box, 2.2 pt inset
            parts.append((size * 1.02 + 4.4, leading * 1.6, leading * 1.6))
            continue
        text = block.text
        if i == 0 and story.dateline:
            text = story.dateline + "\u3000" + text  # dateline, one em, the first paragraph
        width_em = _paragraph_floor_em(text, line_em)
        if width_em is None:
            return None
        lines = max(1, math.ceil((2 + width_em) / line_em - 1e-9))  # two em of indent
        parts.append((lines * (size + leading) - leading, leading, leading))
    if not story.blocks and story.dateline:
        parts.append((size, leading, leading))
    if story.bylines:
        parts.append((size * 0.88, leading, leading))
    height = sum(h for h, _, _ in parts)
    height += sum(max(a[2], b[1]) for a, b in zip(parts, parts[1:], strict=False))
    return height


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
        },
        "colours": typography.colours(),
        "slots": [_slot_data(s, page.grid, typography) for s in page.slots],
    }


def _slot_data(slot: Slot, grid, typography: Typography) -> dict:
    data = dataclasses.asdict(slot)
    data["after"] = list(slot.after)
    floor = body_floor(slot, grid, typography)
    if floor is not None:
        data["body_floor"] = floor
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
        # Files of this engine's own: several engines (threads, processes) may share one root.
        token = secrets.token_hex(6)
        main = self.root / f"page-{token}.typ"
        main.write_bytes(TEMPLATE.read_bytes())
        self._data = self.root / f"page-{token}.json"
        self._compiler = typst.Compiler(
            input=str(main),
            root=str(self.root),
            font_paths=system_fonts(),
            sys_inputs={"page-file": "/" + self._data.name},
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
            pdf = _one_file(self._compiler.compile(format="pdf"))
            image = _one_file(self._compiler.compile(format="png", ppi=self.ppi)) if png else b""
            if boxes is None:
                boxes = _boxes(json.loads(self._compiler.query("<cb-slot>", field="value")))
        problems = problems + overlaps(page.key, boxes)
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


def overlaps(page_key: str, boxes: Sequence[SlotBox], tolerance: float = 0.5) -> list[Problem]:
    """Report every two slots that landed on top of each other (more than `tolerance` pt).

    Slot positions are numbers an editor types, and a story's height is known only once
    it is balanced, so this is checked on where Typst actually put them. The page is
    still rendered: the editor sees both slots named and moves one.
    """
    problems = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            across = min(a.x + a.w, b.x + b.w) - max(a.x, b.x)
            down = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
            if across > tolerance and down > tolerance:
                message = (
                    f"{page_key}版 {a.key}与{b.key}：版位重叠（宽{across / PT_PER_MM:.0f}毫米、"
                    f"高{down / PT_PER_MM:.0f}毫米），请调整位置"
                )
                problems.append(Problem(page_key, b.key, "overlap", message))
    return problems


def _one_file(output: bytes | list[bytes] | None) -> bytes:
    """The bytes of a one-page compile (PNG comes as a list of pages; None means no output)."""
    if isinstance(output, list):
        output = output[0] if output else None
    if not output:
        raise RuntimeError("Typst produced no output")
    return output


def _boxes(slots: list[dict]) -> list[SlotBox]:
    skip = ("avail", "lines", "body_total")  # the template's own bookkeeping
    return [SlotBox(**{k: v for k, v in s.items() if k not in skip}) for s in slots]


# -- many pages at once ------------------------------------------------------------------------
@dataclass
class RenderFailed:
    """A page that could not be rendered (in place of its RenderedPage)."""

    key: str
    message: str


def render_workers(setting: int | None = None) -> int:
    """The number of rendering threads: `setting`, or one per core (at most 8)."""
    if setting:
        return max(1, int(setting))
    return max(1, min(os.cpu_count() or 1, 8))


def _render_one(engine: TypstEngine, page: Page, png: bool) -> RenderedPage | RenderFailed:
    try:
        return engine.render(page, png=png)
    except Exception as exc:  # one bad page must not stop the others
        return RenderFailed(page.key, getattr(exc, "message", None) or str(exc))


class RenderPool:
    """Threads that each keep a warm engine in `root` (images are relative to it).

    Typst lays out and exports with the GIL released, so the threads use several cores;
    their engines share the process's fonts, so a pool starts in about a millisecond and
    its first pages are as fast as later ones. Use as a context manager.
    """

    def __init__(
        self, *, root: Path, typography: Typography | None = None, ppi: float = 150, workers: int
    ):
        self.workers = workers
        self._root, self._typography, self._ppi = Path(root), typography or Typography(), ppi
        self._local = threading.local()  # each thread's engine: a compiler is not shared
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="chenbao-render")

    def __enter__(self) -> RenderPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._pool.shutdown()

    def _render(self, page: Page, png: bool) -> RenderedPage | RenderFailed:
        engine = getattr(self._local, "engine", None)
        if engine is None:
            engine = self._local.engine = TypstEngine(
                root=self._root, typography=self._typography, ppi=self._ppi
            )
        return _render_one(engine, page, png)

    def render(
        self,
        pages: Sequence[Page],
        *,
        png: bool = True,
        done: Callable[[int, RenderedPage | RenderFailed], None] | None = None,
    ) -> list[RenderedPage | RenderFailed]:
        """Render `pages`, returned in order; `done(index, result)` as each one finishes.

        `done` is called in the calling thread, in the order the pages finish.
        """
        results: list[RenderedPage | RenderFailed | None] = [None] * len(pages)
        futures = {self._pool.submit(self._render, p, png): i for i, p in enumerate(pages)}
        for future in as_completed(futures):
            i = futures[future]
            try:
                results[i] = future.result()
            except Exception as exc:  # the thread failed outside the page (_render_one)
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
    """Render `pages` (images relative to `root`), in order, on up to `workers` threads.

    One page, or one worker, renders here with `engine` (or a new one).
    `done(index, result)` is called as each page finishes, in the order they finish.
    """
    workers = max(1, min(workers, len(pages)))
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
