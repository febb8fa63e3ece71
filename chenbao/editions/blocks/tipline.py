"""The tip-line banner (爆料栏): slogans, the hotline in red and the QR code readers scan.

The banner's words live on the printed page (PrintedPage.tipline_*); this module is the one
place that knows them: the admin panel, what an import stores, the layout content with the
QR code's modules, and what the e-paper shows. Typst part: typst/tipline.typ.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from chenbao.editions.blocks.base import PageContext
from chenbao.editions.layout.model import Slot, TiplineContent

PANEL = MultiFieldPanel(
    [
        FieldRowPanel(
            [
                FieldPanel("tipline_hotline"),
                FieldPanel("tipline_reward_min"),
                FieldPanel("tipline_reward_max"),
            ]
        ),
        FieldPanel("tipline_qr_url"),
        FieldPanel("tipline_qr_caption"),
        FieldPanel("tipline_lines"),
    ],
    heading=_("爆料栏"),
)


@dataclass(frozen=True)
class Banner:
    """A banner as printed: its lines in order, and what they say (an import's findings)."""

    lines: tuple[str, ...]
    hotline: str = ""
    reward_min: int | None = None
    reward_max: int | None = None
    qr_caption: str = ""


def banner_fields(banner: Banner | None, *, qr_url: str, tipline_url: str) -> dict:
    """Return the page's tipline_* fields for `banner` (all empty when the page has none).

    The QR code keeps the address the page had (`qr_url`), or points at the tip-line.
    """
    if banner is None:
        return {
            "tipline_hotline": "",
            "tipline_reward_min": None,
            "tipline_reward_max": None,
            "tipline_qr_caption": "",
            "tipline_lines": "",
        }
    low, high = banner.reward_min, banner.reward_max
    if low is not None and high is not None and low > high:
        low = high = None  # a misprint (最低80元最高50元): the lines keep what was printed
    return {
        "tipline_hotline": banner.hotline,
        "tipline_reward_min": low,
        "tipline_reward_max": high,
        "tipline_qr_caption": banner.qr_caption,
        "tipline_lines": "\n".join(banner.lines),
        "tipline_qr_url": qr_url or tipline_url,
    }


def qr_modules(url: str) -> tuple[str, ...]:
    """The QR code of `url` as rows of "1" (dark) and "0" (light), without a quiet zone."""
    qr = segno.make(url, error="m")
    return tuple("".join("1" if dark else "0" for dark in row) for row in qr.matrix_iter(border=0))


def page_tipline(printed) -> TiplineContent | None:
    """Return the page's banner, the hotline's lines first, or None when it has none."""
    if not printed.has_tipline:
        return None
    lines = printed.tipline_line_list
    hot = [line for line in lines if printed.tipline_hotline and printed.tipline_hotline in line]
    rest = [line for line in lines if line not in hot and line != printed.tipline_qr_caption]
    return TiplineContent(
        hotline=printed.tipline_hotline,
        lines=tuple(hot + rest),
        qr_modules=qr_modules(printed.tipline_qr_url) if printed.tipline_qr_url else (),
        qr_caption=printed.tipline_qr_caption,
        qr_url=printed.tipline_qr_url,
    )


def slot(row, base: dict, ctx: PageContext, n: int) -> Slot:
    return Slot(**base, tipline=ctx.tipline or TiplineContent("", ()))


def web(slot: Slot) -> dict:
    """What the e-paper page shows of the banner."""
    tipline = slot.tipline
    assert tipline is not None
    return {
        "hotline": tipline.hotline,
        "lines": list(tipline.lines),
        "qr_url": tipline.qr_url,
        "qr_caption": tipline.qr_caption,
    }
