"""The paper's one page grid, as the settings name it (PAGE_GRID).

The layout, the renderer, the page board and the ad desk's artwork checks all take their
grid from here, so an ad is checked against the grid it is printed on.
"""

from django.conf import settings

from chenbao.editions.layout.model import Grid


def page_grid() -> Grid:
    """Return the grid the paper's pages are set on."""
    return Grid(**settings.CHENBAO["PAGE_GRID"])
