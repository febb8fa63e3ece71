"""The page model (版面模型): plain data that a renderer lays out.

Everything here is plain dataclasses; nothing imports Django. Lengths are millimetres;
vertical positions are measured from the top of the type area (below the folio line).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

PT_PER_MM = 72 / 25.4


class Extent:
    """Something placed down the page from `top`, `height` tall (mm): slots and bands."""

    top: float
    height: float

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass(frozen=True)
class Grid:
    """The page grid: paper size, margins, columns and gutters. Default A3, six columns.

    One grid serves the layout, the renderer and the ad desk's artwork checks; the settings
    name it once (PAGE_GRID, chenbao/editions/grid.py). `rows` divides the type area's
    height into the modules the page board snaps to.
    """

    width: float = 297.0
    height: float = 420.0
    margin_top: float = 12.0
    margin_bottom: float = 14.0
    margin_left: float = 14.0
    margin_right: float = 14.0
    columns: int = 6
    gutter: float = 4.0
    folio_height: float = 9.0  # the folio line and the space under it
    rows: int = 20

    @property
    def row_height(self) -> float:
        return self.type_height / max(1, self.rows)

    @property
    def type_width(self) -> float:
        return self.width - self.margin_left - self.margin_right

    @property
    def type_height(self) -> float:
        """Height of the area slots can use, below the folio line."""
        return self.height - self.margin_top - self.margin_bottom - self.folio_height

    @property
    def column_width(self) -> float:
        return (self.type_width - (self.columns - 1) * self.gutter) / self.columns

    def span_width(self, span: int) -> float:
        return span * self.column_width + (span - 1) * self.gutter

    def column_x(self, col: int) -> float:
        """Left edge of column `col` (0-based) from the left edge of the type area."""
        return col * (self.column_width + self.gutter)


@dataclass(frozen=True)
class Folio:
    """The folio line (眉题): paper, date, weekday, page number and name."""

    paper: str
    date: str  # as printed, e.g. 2022年12月2日
    weekday: str  # 星期五
    number: str  # A02
    name: str = ""  # 要闻
    # The page's people, printed in the folio line as papers do: 责任编辑 / 美编 / 校对.
    editor: str = ""
    designer: str = ""
    proofreader: str = ""

    def staff(self) -> str:
        """The folio's credit line: 责任编辑 王晓  美编 李娜  校对 张敏 (names given only)."""
        parts = [
            f"{role} {name}"
            for role, name in (
                ("责任编辑", self.editor),
                ("美编", self.designer),
                ("校对", self.proofreader),
            )
            if name.strip()
        ]
        return "\u2003".join(parts)


@dataclass(frozen=True)
class Block:
    """One piece of a story body: a paragraph, a subhead (小标题) or a photo."""

    kind: str  # "paragraph" | "subhead" | "image"
    text: str = ""  # paragraph or subhead text; the caption for an image
    image: str = ""  # path of the image file (relative to the render root) for "image"
    credit: str = ""  # 本报记者 某某 摄


@dataclass(frozen=True)
class StoryContent:
    """A story as printed: kicker 引题, headline 主题, subtitle 副题, dateline, body, bylines."""

    key: str  # stable id, e.g. "story-12"
    headline: str
    kicker: str = ""
    subtitle: str = ""
    dateline: str = ""
    blocks: tuple[Block, ...] = ()
    bylines: str = ""
    url: str = ""

    def body_chars(self) -> int:
        """Count the characters of body text (paragraphs, subheads, captions, bylines)."""
        return sum(len(b.text) + len(b.credit) for b in self.blocks) + len(self.bylines)

    def truncated(self, chars: int) -> StoryContent:
        """Return this story keeping only the first `chars` characters of its body."""
        kept: list[Block] = []
        left = chars
        for block in self.blocks:
            size = len(block.text) + len(block.credit)
            if left <= 0:
                break
            if size <= left:
                kept.append(block)
                left -= size
            elif block.kind == "paragraph":
                kept.append(replace(block, text=block.text[:left]))
                left = 0
            else:
                break
        bylines = self.bylines if left >= len(self.bylines) else ""
        return replace(self, blocks=tuple(kept), bylines=bylines)


@dataclass(frozen=True)
class WeatherDay:
    """One line of the weather box, split for setting: 2日 多云 -6~5℃ / 南风2~3级…"""

    day: str
    sky: str
    wind: str
    temperature: str
    text: str  # the whole wording, as printed


@dataclass(frozen=True)
class WeatherContent:
    title: str
    days: tuple[WeatherDay, ...]


@dataclass(frozen=True)
class TiplineContent:
    """The tip-line banner: hotline, slogan lines and the QR code readers scan."""

    hotline: str
    lines: tuple[str, ...]
    qr_modules: tuple[str, ...] = ()  # the QR code: rows of "1" (dark) and "0" (light)
    qr_caption: str = ""
    qr_url: str = ""


@dataclass(frozen=True)
class AdContent:
    """An ad: its lines as printed, an optional image, and its label (公益广告).

    `slogan` is the line set large in red (an index into `lines`, as the ad desk booked
    it); -1: the shortest line.
    """

    key: str
    lines: tuple[str, ...]
    label: str = ""
    public_service: bool = False
    image: str = ""
    slogan: int = -1


@dataclass(frozen=True)
class PictureContent:
    """A photo set on its own (图片新闻): the image, its caption and credit."""

    image: str  # path relative to the render root, "" when it could not be read
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class Slot:
    """A rectangle on the grid holding one thing: a story, the weather, the banner or an ad.

    `col`/`span` are grid columns (0-based). `top` is millimetres below the type area's
    top; `after` names slots this one starts below instead (the tallest of them, plus
    `gap`). `height` is the most the slot may take: a story slot shrinks to its balanced
    height. `body_columns` is the number of columns its text is set in.
    """

    key: str
    kind: str  # "story" | "weather" | "tipline" | "ad" | "picture"
    col: int
    span: int
    height: float
    top: float = 0.0
    after: tuple[str, ...] = ()
    gap: float = 0.0
    bottom: float = 0.0  # when set, the slot ends at most this far down (millimetres)
    rule_above: bool = False
    body_columns: int = 0
    headline_size: float = 0.0  # points; 0 lets the layout choose
    story: StoryContent | None = None
    weather: WeatherContent | None = None
    tipline: TiplineContent | None = None
    ad: AdContent | None = None
    picture: PictureContent | None = None
    extra_lines: int = 0  # set by the balancer when the first guess overflowed


@dataclass(frozen=True)
class Page:
    """One printed page: its grid, folio and slots."""

    key: str  # e.g. "A02"
    folio: Folio
    slots: tuple[Slot, ...]
    grid: Grid = field(default_factory=Grid)
    # Set by the automatic arrangement: the renderer may fill a blank band by setting the
    # story above it in fewer, longer columns and by growing a public-service ad below it.
    # A page editor's own slots are left as placed (a band is reported, not filled).
    fill_bands: bool = False

    def slot(self, key: str) -> Slot:
        for slot in self.slots:
            if slot.key == key:
                return slot
        raise KeyError(key)

    def with_slot(self, new: Slot) -> Page:
        """Return this page with the slot of the same key replaced by `new`."""
        return replace(self, slots=tuple(new if s.key == new.key else s for s in self.slots))

    def without_slot(self, key: str) -> Page:
        return replace(self, slots=tuple(s for s in self.slots if s.key != key))
