"""The 版位 panel: the slots' inline forms with a scaled preview of the page to drag them on.

The numeric fields stay the source of truth: the preview (static/editions/slot_board.js)
reads them, and every drag or arrow key writes the numbers back into them.
"""

from dataclasses import dataclass

from django.urls import reverse
from wagtail.admin.panels import InlinePanel

from chenbao.editions.grid import page_grid
from chenbao.editions.layout.model import Grid

RULER_STEP_MM = 50


def _num(value: float) -> str:
    """A number for an HTML attribute, never localised: 41.5, 385."""
    return f"{value:g}"


def _pct(value: float) -> str:
    return f"{value:.4f}"


@dataclass(frozen=True)
class BoardColumn:
    number: int
    left: str  # per cent of the type width
    width: str


@dataclass(frozen=True)
class BoardTick:
    mm: int
    top: str  # per cent of the type height


@dataclass(frozen=True)
class Board:
    """What the template needs to draw the grid; the script snaps to the same numbers."""

    columns: int
    gutter: str
    column_width: str
    type_width: str
    type_height: str
    column_strips: tuple[BoardColumn, ...]
    ticks: tuple[BoardTick, ...]


def board_for(grid: Grid) -> Board:
    strips = tuple(
        BoardColumn(
            number=col + 1,
            left=_pct(grid.column_x(col) / grid.type_width * 100),
            width=_pct(grid.column_width / grid.type_width * 100),
        )
        for col in range(grid.columns)
    )
    ticks = tuple(
        BoardTick(mm=mm, top=_pct(mm / grid.type_height * 100))
        for mm in range(RULER_STEP_MM, int(grid.type_height), RULER_STEP_MM)
    )
    return Board(
        columns=grid.columns,
        gutter=_num(grid.gutter),
        column_width=_num(grid.column_width),
        type_width=_num(grid.type_width),
        type_height=_num(grid.type_height),
        column_strips=strips,
        ticks=ticks,
    )


class SlotBoardPanel(InlinePanel):
    """An InlinePanel of PageSlot forms with a drag-and-drop preview of the page grid above."""

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "editions/admin/slot_board_panel.html"

        class Media:
            js = ["editions/slot_board.js"]
            css = {"all": ["editions/slot_board.css"]}

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["board"] = board_for(page_grid())
            if self.instance is not None and self.instance.pk:
                context["board_url"] = reverse("editions_board", args=[self.instance.pk])
            return context
