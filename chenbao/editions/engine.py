"""Lay out a page model with Typst: PDF, PNG and where every slot landed.

No Django here: a `Page` (chenbao/editions/layout/model.py) goes in; PDF and PNG bytes,
the slot boxes (in points) and the problems found come out. Story columns are balanced
by measuring: the template guesses the shortest height that holds the text, Python reads
back where the text ended (`query`, which lays the page out without exporting anything)
and adds as many lines as the text overran by, divided among the columns, until it fits.
The template does the same inside one compile, from where the text ended in Typst's
previous layout iteration, so this loop usually settles after one measure;
text that cannot fit in its slot is cut at the last character that fits and reported as
overset. The template is typst/page.typ with one part per kind of slot beside it
(story.typ, weather.typ …); pool.py renders many pages on several threads.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import secrets
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import typst

from chenbao.editions.balance import body_floor
from chenbao.editions.layout.arrange import RULE_GAP, Problem, validate_slots
from chenbao.editions.layout.bands import BLANK_BAND_MM, Band, Placed, blank_bands
from chenbao.editions.layout.model import PT_PER_MM, Grid, Page, Slot
from chenbao.editions.typography import Typography

TYPST_DIR = Path(__file__).parent / "typst"
TEMPLATE = TYPST_DIR / "page.typ"
MAX_BALANCE_PASSES = 8
# What a measure reads back: where each slot landed and where each story's text ended.
MARKS = "selector(<cb-slot>).or(<cb-end>)"


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
    pdf: bytes  # b"" when rendered without the PDF (the page board's previews)
    png: bytes  # b"" when rendered without the page image
    ppi: float
    width_pt: float
    height_pt: float
    boxes: list[SlotBox]
    problems: list[Problem] = field(default_factory=list)
    zoom_png: bytes = b""  # the page image at the engine's zoom_ppi, for the reader's zoom
    model: Page | None = None  # the page as finally laid out (balanced, cut, bands filled)

    @property
    def png_scale(self) -> float:
        return self.ppi / 72.0

    def story_boxes(self) -> list[SlotBox]:
        return [b for b in self.boxes if b.kind == "story"]


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


def template_files() -> dict[str, bytes]:
    """The page template and its parts (one per kind of slot), by file name."""
    return {path.name: path.read_bytes() for path in sorted(TYPST_DIR.glob("*.typ"))}


@cache
def template_digest() -> str:
    """A hash of the whole template: a page laid out by another template is laid out again."""
    digest = hashlib.sha256()
    for name, data in template_files().items():
        digest.update(name.encode() + b"\0" + data)
    return digest.hexdigest()


def page_data(page: Page, typography: Typography) -> dict:
    """Return the JSON-ready dict the Typst template reads."""
    grid = dataclasses.asdict(page.grid)
    return {
        "grid": grid,
        "folio": {**dataclasses.asdict(page.folio), "staff": page.folio.staff()},
        "fonts": {"serif": typography.serif, "sans": typography.sans},
        "type": {
            "body_size": typography.body_size,
            "leading": typography.leading,
        },
        "colours": typography.colours(),
        "slots": [_slot_data(s, page.grid, typography) for s in page.slots],
    }


def _slot_data(slot: Slot, grid: Grid, typography: Typography) -> dict:
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

    def __init__(
        self,
        *,
        root: Path,
        typography: Typography | None = None,
        ppi: float = 150,
        zoom_ppi: float = 0,
    ):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.typography = typography or Typography()
        self.ppi = ppi
        # A sharper page image for the e-paper's zoom (editions/pageimages.py); 0: none.
        self.zoom_ppi = zoom_ppi if zoom_ppi > ppi else 0
        # Files of this engine's own: several engines (threads, processes) may share one root.
        token = secrets.token_hex(6)
        for name, data in template_files().items():  # the parts, shared by the root's engines
            part = self.root / name
            if not part.exists() or part.read_bytes() != data:
                part.write_bytes(data)
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

    def render(self, page: Page, *, png: bool = True, pdf: bool = True) -> RenderedPage:
        """Lay out `page` and return its PDF and PNG (each unless asked not to) and slot boxes.

        The page board asks for the PNG only: a re-flow the editor looks at needs no PDF.
        """
        page, problems, boxes = self._lay_out(page)
        if page.fill_bands:
            page, problems, boxes = self._fill_bands(page, problems, boxes)
        with self._lock:
            if boxes is None or self._measured is not page:
                self._load(page)
                boxes = None
            # Otherwise the compiler still holds the page last measured: its layout is reused.
            document = _one_file(self._compiler.compile(format="pdf")) if pdf else b""
            image = _one_file(self._compiler.compile(format="png", ppi=self.ppi)) if png else b""
            zoom = b""
            if png and self.zoom_ppi:
                zoom = _one_file(self._compiler.compile(format="png", ppi=self.zoom_ppi))
            if boxes is None:
                boxes = _boxes(json.loads(self._compiler.query("<cb-slot>", field="value")))
        problems = problems + overlaps(page.key, boxes) + bands_reported(page, boxes)
        grid = page.grid
        return RenderedPage(
            key=page.key,
            pdf=document,
            png=image,
            ppi=self.ppi,
            width_pt=grid.width * 72 / 25.4,
            height_pt=grid.height * 72 / 25.4,
            boxes=boxes,
            problems=problems,
            zoom_png=zoom,
            model=page,
        )

    # -- blank bands -------------------------------------------------------------------------
    def _fill_bands(
        self, page: Page, problems: list[Problem], boxes: list[SlotBox] | None
    ) -> tuple[Page, list[Problem], list[SlotBox] | None]:
        """Fill the blank bands of an automatic arrangement (see `Page.fill_bands`).

        First the story above a band is set in fewer, longer columns (one fewer at a time,
        kept only while it still fits and the band shrinks); then a public-service ad below
        what is left grows up to the rule gap under the story. Bands still there are
        reported by `render`.
        """
        if boxes is None:
            boxes, _ends = self.measure(page, settle=self.settle)
        for _ in range(MAX_BALANCE_PASSES):
            band = next(iter(blank_bands(page.grid, placed_of(page.grid, boxes))), None)
            if band is None:
                break
            for change in (_fewer_columns, _grown_ad):
                trial = change(page, band)
                if trial is None:
                    continue
                laid, trial_problems, trial_boxes = self._lay_out(trial)
                if trial_boxes is None:
                    trial_boxes, _ends = self.measure(laid, settle=self.settle)
                left = blank_bands(laid.grid, placed_of(laid.grid, trial_boxes))
                same = any((b.top, b.height) == (band.top, band.height) for b in left)
                if len(trial_problems) <= len(problems) and not same:
                    page, problems, boxes = laid, trial_problems, trial_boxes
                    break
            else:
                break  # neither change helped: the band stays, and is reported
        return page, problems, boxes


def placed_of(grid: Grid, boxes: Sequence[SlotBox]) -> list[Placed]:
    """The slots where they landed, in millimetres from the type area's top left corner."""
    pitch = grid.column_width + grid.gutter
    placed = []
    for box in boxes:
        left = box.x / PT_PER_MM - grid.margin_left
        col = max(0, min(grid.columns - 1, round(left / pitch)))
        span = max(1, min(grid.columns - col, round((box.w / PT_PER_MM + grid.gutter) / pitch)))
        top = box.y / PT_PER_MM - grid.margin_top - grid.folio_height
        placed.append(Placed(box.key, col, span, top, box.h / PT_PER_MM))
    return placed


def bands_reported(page: Page, boxes: Sequence[SlotBox]) -> list[Problem]:
    """Every blank band over BLANK_BAND_MM, named for the page editor (and the 出版 gate)."""
    problems = []
    for band in blank_bands(page.grid, placed_of(page.grid, boxes)):
        where = (
            f"第{band.col + 1}至{band.col + band.span}栏"
            if band.span > 1
            else f"第{band.col + 1}栏"
        )
        after = f"“{band.above}”下方" if band.above else "版心顶部"
        message = (
            f"{page.key}版 {where}{after}有{band.height:.1f}毫米空白（超过{BLANK_BAND_MM:.0f}毫米），"
            "请加长稿件、放大图片或移动广告"
        )
        problems.append(Problem(page.key, band.above or band.below or "*", "blank", message))
    return problems


def _fewer_columns(page: Page, band: Band) -> Page | None:
    """The page with the story above `band` set in one column fewer, or None."""
    if not band.above:
        return None
    slot = page.slot(band.above)
    columns = slot.body_columns or slot.span
    if slot.kind != "story" or columns <= 2 or slot.col > band.col:
        return None
    if slot.col + slot.span < band.col + band.span:
        return None
    return page.with_slot(dataclasses.replace(slot, body_columns=columns - 1, extra_lines=0))


def _grown_ad(page: Page, band: Band) -> Page | None:
    """The page with the public-service ad below `band` grown up into it, or None."""
    if not band.below:
        return None
    slot = page.slot(band.below)
    if slot.kind != "ad" or slot.ad is None or not slot.ad.public_service or slot.after:
        return None
    if slot.col > band.col or slot.col + slot.span < band.col + band.span:
        return None
    top = band.top + RULE_GAP
    if top >= slot.top:
        return None
    grown = dataclasses.replace(slot, top=top, height=slot.height + slot.top - top)
    # The stories above end where they did: their `bottom` stays, the ad takes the rest.
    return page.with_slot(grown)


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
