"""The picture block (图片): a photo set on its own, with caption and credit.

Typst part: typst/picture.typ. A story's own photos are part of its body (story.py).
"""

from __future__ import annotations

from chenbao.editions.blocks.base import PageContext
from chenbao.editions.layout.model import PictureContent, Slot


def slot(row, base: dict, ctx: PageContext, n: int) -> Slot:
    image = ctx.images.copy(row.image, page=ctx.key, slot=base["key"])
    return Slot(**base, picture=PictureContent(image, caption=row.caption, credit=row.credit))


def web(slot: Slot) -> dict:
    picture = slot.picture
    assert picture is not None
    return {"caption": picture.caption, "credit": picture.credit}
