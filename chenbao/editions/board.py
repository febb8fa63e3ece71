"""The page board (版面编辑台): a page's layout as slots, re-flowed and shown as an image.

Reads only; saving the slots is `services.pages.page_slots_store`. The board sends its
slots as plain dicts (`board_rows` checks them and turns them into unsaved PageSlot
rows); `board_state` lays the page out with them on one warm Typst engine kept by the
process (the ~0.3 s of a page re-set; fonts and layouts stay loaded between drags) and
returns the slots where they landed, the page image and what is wrong, slot by slot.
"""

from __future__ import annotations

import base64
import math
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from chenbao.editions.blocks import PageContext
from chenbao.editions.engine import RenderedPage, TypstEngine
from chenbao.editions.images import ImageCopier
from chenbao.editions.layout.board import (
    PREVIEW_PPI,
    Rect,
    first_free_place,
    outside,
    overlapping,
    rect_from_box,
)
from chenbao.editions.layout.model import Page
from chenbao.editions.models import PageSlot, PrintedPage, SlotKind
from chenbao.editions.pagemodel import page_automatic, page_context, page_from_rows

MAX_SLOTS = 40
# A new slot's size when the board does not say: two columns, a fifth of the page.
NEW_SLOT_SPAN = 2
NEW_SLOT_HEIGHT_MM = 80.0


class BoardError(ValueError):
    """The board sent slots that cannot be laid out; the message says why, in Chinese."""


@dataclass
class BoardSlot:
    """One slot as the board draws it and sends it back."""

    key: str
    kind: str
    column: int
    span: int
    top: float
    height: float
    label: str = ""
    story: int | None = None
    ad: int | None = None
    image: int | None = None
    caption: str = ""
    credit: str = ""
    body_columns: int = 0
    problems: list[str] = field(default_factory=list)
    overset_chars: int = 0


@dataclass
class BoardContent:
    """Something on the page the editor may give a slot (a story, an ad, the weather …)."""

    kind: str
    label: str
    story: int | None = None
    ad: int | None = None


@dataclass
class BoardState:
    automatic: bool
    slots: list[BoardSlot]
    contents: list[BoardContent]
    problems: list[str]
    image: str  # a data: URL of the page image
    seconds: float = 0.0

    def as_json(self) -> dict:
        return asdict(self)


_engine: TypstEngine | None = None
_engine_lock = threading.Lock()


def board_engine() -> TypstEngine:
    """The process's warm engine for the board (made on first use, kept for later drags)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            root = Path(tempfile.mkdtemp(prefix="chenbao-board-"))
            _engine = TypstEngine(root=root, ppi=PREVIEW_PPI)
        return _engine


def _label(kind: str, ctx: PageContext, story: int | None, ad: int | None) -> str:
    if kind == SlotKind.STORY and story in ctx.stories:
        return ctx.stories[story].headline
    if kind == SlotKind.AD and ad in ctx.ads:
        content = ctx.ads[ad][0]
        return content.label or (content.lines[0] if content.lines else _("广告"))
    return str(SlotKind(kind).label)


def board_contents(ctx: PageContext) -> list[BoardContent]:
    """What the page holds that a slot may show, in page order."""
    found = [BoardContent(SlotKind.STORY, s.headline, story=pk) for pk, s in ctx.stories.items()]
    if ctx.weather is not None:
        found.append(BoardContent(SlotKind.WEATHER, str(SlotKind.WEATHER.label)))
    if ctx.tipline is not None:
        found.append(BoardContent(SlotKind.TIPLINE, str(SlotKind.TIPLINE.label)))
    found += [
        BoardContent(SlotKind.AD, _label(SlotKind.AD, ctx, None, pk), ad=pk) for pk in ctx.ads
    ]
    return found


def _int(value, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BoardError(_("版位的“%(name)s”不是数字") % {"name": name})
    if not low <= value <= high:
        raise BoardError(
            _("版位的“%(name)s”应在%(low)s到%(high)s之间")
            % {"name": name, "low": low, "high": high}
        )
    return int(round(value))


def board_rows(page: PrintedPage, data: object, *, ctx: PageContext) -> list[PageSlot]:
    """Check the board's slots and return them as unsaved PageSlot rows, in board order.

    A slot without a column is new: it goes to the first free place on the page. A story
    or ad must be one this page holds; numbers must be on the grid (up to its edges: a slot
    partly off the page is laid out and reported, as the editor may be moving it).
    """
    if not isinstance(data, list):
        raise BoardError(_("版位数据格式不对"))
    if len(data) > MAX_SLOTS:
        raise BoardError(_("一个版面最多%(n)d个版位") % {"n": MAX_SLOTS})
    grid = ctx.grid
    height_max = math.ceil(grid.type_height)
    rows: list[PageSlot] = []
    placed: list[Rect] = []
    keys: set[str] = set()
    pending: list[tuple[PageSlot, dict]] = []
    for n, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise BoardError(_("版位数据格式不对"))
        kind = item.get("kind")
        if kind not in SlotKind.values:
            raise BoardError(_("未知的版位内容：%(kind)s") % {"kind": str(kind)[:20]})
        key = str(item.get("key") or f"slot-{n}")[:20]
        if key in keys:
            key = f"slot-{n}"
        keys.add(key)
        row = PageSlot(page=page, key=key, kind=kind)
        if kind == SlotKind.STORY:
            story = item.get("story")
            if story not in ctx.stories:
                raise BoardError(_("稿件版位“%(key)s”的稿件不在本版") % {"key": key})
            row.story_id = story
        if kind == SlotKind.AD:
            ad = item.get("ad")
            if ad not in ctx.ads:
                raise BoardError(_("广告版位“%(key)s”的广告不在本版") % {"key": key})
            row.ad_id = ad
        if kind == SlotKind.PICTURE:
            row.image_id = item.get("image") if isinstance(item.get("image"), int) else None
            row.caption = str(item.get("caption") or "")[:200]
            row.credit = str(item.get("credit") or "")[:60]
        row.span = _int(item.get("span", NEW_SLOT_SPAN), "栏数", 1, grid.columns)
        row.height_mm = _int(item.get("height", NEW_SLOT_HEIGHT_MM), "高度", 1, height_max)
        row.body_columns = _int(item.get("body_columns") or 0, "正文栏数", 0, grid.columns)
        rows.append(row)
        if item.get("column") is None:
            pending.append((row, item))
            continue
        row.column = _int(item["column"], "起始栏", 1, grid.columns)
        row.top_mm = _int(item.get("top", 0), "距版心顶", 0, height_max)
        placed.append(Rect(key, row.column, row.span, float(row.top_mm), float(row.height_mm)))
    for row, _item in pending:
        spot = first_free_place(grid, placed, span=row.span, height=float(row.height_mm))
        if spot is None:
            raise BoardError(_("版面上已没有放得下“%(key)s”的空位") % {"key": row.key})
        row.column, top = spot
        row.top_mm = top
        placed.append(Rect(row.key, row.column, row.span, top, float(row.height_mm)))
    return rows


def _slot_of_row(row: PageSlot, ctx: PageContext) -> BoardSlot:
    return BoardSlot(
        key=row.key,
        kind=row.kind,
        column=row.column,
        span=row.span,
        top=float(row.top_mm),
        height=float(row.height_mm),
        label=_label(row.kind, ctx, row.story_id, row.ad_id),
        story=row.story_id,
        ad=row.ad_id,
        image=row.image_id,
        caption=row.caption,
        credit=row.credit,
        body_columns=row.body_columns,
    )


def _slots_of_automatic(page: Page, rendered: RenderedPage, ctx: PageContext) -> list[BoardSlot]:
    """The automatic layout's slots where Typst put them, named by what they hold."""
    story_ids = {content.key: pk for pk, content in ctx.stories.items()}
    ad_ids = {content.key: pk for pk, (content, _cols, _h) in ctx.ads.items()}
    by_key = {slot.key: slot for slot in page.slots}
    slots = []
    for box in rendered.boxes:
        slot = by_key.get(box.key)
        if slot is None:
            continue
        rect = rect_from_box(box.key, page.grid, x=box.x, y=box.y, w=box.w, h=box.h)
        story = story_ids.get(slot.story.key) if slot.story else None
        ad = ad_ids.get(slot.ad.key) if slot.ad else None
        slots.append(
            BoardSlot(
                key=box.key,
                kind=slot.kind,
                column=rect.column,
                span=rect.span,
                top=rect.top,
                height=rect.height,
                label=_label(slot.kind, ctx, story, ad),
                story=story,
                ad=ad,
                body_columns=slot.body_columns if slot.body_columns != slot.span else 0,
            )
        )
    return slots


def board_request_rows(data: object, page: PrintedPage, ctx: PageContext) -> list[PageSlot]:
    """The rows a board request asks for: {"automatic": true} is none (自动排版), else its
    "slots" checked by `board_rows`."""
    if not isinstance(data, dict):
        raise BoardError(_("版位数据格式不对"))
    if data.get("automatic") is True:
        return []
    return board_rows(page, data.get("slots"), ctx=ctx)


def board_context(page: PrintedPage, *, base_url: str = "") -> PageContext:
    """What `page` holds, read once, its images copied for the board's engine."""
    images = ImageCopier(board_engine().root)
    return page_context(page, base_url=base_url or settings.WAGTAILADMIN_BASE_URL, images=images)


def board_state(page: PrintedPage, *, data: object = None, base_url: str = "") -> BoardState:
    """Lay `page` out as the board asks (`data`; None: as saved) and describe the result.

    Raises BoardError when `data` asks for slots that cannot be laid out.
    """
    started = time.perf_counter()
    ctx = board_context(page, base_url=base_url)
    if data is None:
        rows = list(page.slots.select_related("story", "ad", "image").order_by("sort_order"))
    else:
        rows = board_request_rows(data, page, ctx)
    automatic = not rows
    model = page_automatic(ctx) if automatic else page_from_rows(ctx, rows)
    rendered = board_engine().render(model, png=True, pdf=False)
    if automatic:
        slots = _slots_of_automatic(rendered.model or model, rendered, ctx)
    else:
        slots = [_slot_of_row(row, ctx) for row in rows]
    _flag(slots, rendered, ctx)
    problems = [p.message for p in ctx.images.problems + rendered.problems]
    image = "data:image/png;base64," + base64.b64encode(rendered.png).decode("ascii")
    return BoardState(
        automatic=automatic,
        slots=slots,
        contents=board_contents(ctx),
        problems=problems,
        image=image,
        seconds=round(time.perf_counter() - started, 3),
    )


def _flag(slots: list[BoardSlot], rendered: RenderedPage, ctx: PageContext) -> None:
    """Put each problem on the slot it concerns: overset (with characters to cut), overlap,
    off the type area."""
    by_key = {slot.key: slot for slot in slots}
    rects = [Rect(s.key, s.column, s.span, s.top, s.height) for s in slots]
    for a, b in overlapping(rects):
        by_key[a].problems.append(_("与“%(other)s”重叠") % {"other": by_key[b].label or b})
        by_key[b].problems.append(_("与“%(other)s”重叠") % {"other": by_key[a].label or a})
    for rect in rects:
        if outside(rect, ctx.grid):
            by_key[rect.key].problems.append(_("超出版心"))
    for problem in rendered.problems:
        slot = by_key.get(problem.slot)
        if slot is None:
            continue
        if problem.kind == "overset":
            slot.overset_chars = problem.chars
            slot.problems.append(_("超版%(n)d字，请删%(n)d字或放大版位") % {"n": problem.chars})
        elif problem.kind == "off_page":
            slot.problems.append(_("超出版心，未排入"))
