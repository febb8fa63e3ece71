"""Lay out a page model with Typst: PDF, PNG and where every slot landed.

No Django here: a `Page` (chenbao/editions/layout/model.py) goes in; PDF and PNG bytes,
the slot boxes (in points) and the problems found come out. Story columns are balanced
by measuring: the template guesses the shortest height that holds the text, Python reads
back where the text ended (`query`) and adds a line until it fits; text that cannot fit
in its slot is cut at the last character that fits and reported as overset.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path

import typst

from chenbao.editions.layout.arrange import Problem, validate_slots
from chenbao.editions.layout.model import Page, Slot

TEMPLATE = Path(__file__).parent / "typst" / "page.typ"
MAX_BALANCE_PASSES = 8


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
    png: bytes
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
        main = self.root / "page.typ"
        main.write_bytes(TEMPLATE.read_bytes())
        self._compiler = typst.Compiler(input=str(main), root=str(self.root))
        self._lock = threading.Lock()

    def check_fonts(self) -> list[str]:
        """Return the needed font families that are not installed."""
        have = font_families()
        return [f for f in (self.typography.serif, self.typography.sans) if f not in have]

    # -- measuring ---------------------------------------------------------------------------
    def measure(self, page: Page) -> tuple[list[SlotBox], dict[str, dict]]:
        """Lay out `page` and return its slot boxes and where each story's text ended."""
        inputs = {"page": json.dumps(page_data(page, self.typography), ensure_ascii=False)}
        with self._lock:
            self._compiler.compile(format="pdf", sys_inputs=inputs)
            slots = json.loads(self._compiler.query("<cb-slot>", field="value"))
            ends = json.loads(self._compiler.query("<cb-end>", field="value"))
        boxes = [SlotBox(**{k: v for k, v in s.items() if k not in ("avail",)}) for s in slots]
        return boxes, {e["key"]: e for e in ends}

    @staticmethod
    def _fits(box: SlotBox, end: dict | None) -> bool:
        if end is None:
            return False
        # The end mark sits at the top of the last line: that line must end inside the body.
        return end["y"] + box.pitch * 0.6 <= box.body_top + box.body_h + 0.5

    # -- laying out ----------------------------------------------------------------------------
    def lay_out(self, page: Page) -> tuple[Page, list[Problem]]:
        """Balance every story's columns and cut overset text; return the final page model."""
        page, problems = validate_slots(page)
        overset: set[str] = set()
        for _ in range(MAX_BALANCE_PASSES):
            boxes, ends = self.measure(page)
            changed = False
            for box in boxes:
                if box.kind != "story" or box.key in overset:
                    continue
                if self._fits(box, ends.get(box.key)):
                    continue
                slot = page.slot(box.key)
                if box.body_h + box.pitch <= box.body_avail + 0.5:
                    page = page.with_slot(
                        dataclasses.replace(slot, extra_lines=slot.extra_lines + 1)
                    )
                else:
                    page, problem = self._cut_overset(page, slot)
                    problems.append(problem)
                    overset.add(slot.key)
                changed = True
            if not changed:
                break
        return page, problems

    def _cut_overset(self, page: Page, slot: Slot) -> tuple[Page, Problem]:
        """Keep as many characters as fit in the slot and report how many did not."""
        story = slot.story
        assert story is not None
        total = story.body_chars()
        lo, hi = 0, total  # lo fits (an empty body always does), hi does not
        while hi - lo > 1:
            mid = (lo + hi) // 2
            trial = page.with_slot(dataclasses.replace(slot, story=story.truncated(mid)))
            boxes, ends = self.measure(trial)
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

    def render(self, page: Page) -> RenderedPage:
        """Lay out `page` and return its PDF, PNG and slot boxes."""
        page, problems = self.lay_out(page)
        inputs = {"page": json.dumps(page_data(page, self.typography), ensure_ascii=False)}
        with self._lock:
            pdf = self._compiler.compile(format="pdf", sys_inputs=inputs)
            png = self._compiler.compile(format="png", ppi=self.ppi, sys_inputs=inputs)
            slots = json.loads(self._compiler.query("<cb-slot>", field="value"))
        boxes = [SlotBox(**{k: v for k, v in s.items() if k != "avail"}) for s in slots]
        if isinstance(png, list):
            png = png[0]
        grid = page.grid
        return RenderedPage(
            key=page.key,
            pdf=pdf,
            png=png,
            ppi=self.ppi,
            width_pt=grid.width * 72 / 25.4,
            height_pt=grid.height * 72 / 25.4,
            boxes=boxes,
            problems=problems,
        )
