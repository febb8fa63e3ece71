"""What every block module is given: the page being built (blocks/base.py)."""

from chenbao.editions.blocks.base import PageContext
from chenbao.editions.images import ImageCopier
from chenbao.editions.layout.model import Grid
from chenbao.editions.models import PrintedPage


def test_the_context_is_keyed_by_the_page_number_and_starts_empty(tmp_path):
    ctx = PageContext(
        printed=PrintedPage(number="A05"), base_url="", images=ImageCopier(tmp_path), grid=Grid()
    )
    assert ctx.key == "A05"
    assert (ctx.stories, ctx.weather, ctx.tipline, ctx.ads) == ({}, None, None, {})
    other = PageContext(
        printed=PrintedPage(number="A06"), base_url="", images=ctx.images, grid=Grid()
    )
    other.stories[1] = None
    assert ctx.stories == {}  # each page its own
