"""The paper's one page grid, as the settings name it (grid.py)."""

from chenbao.editions.grid import page_grid
from chenbao.editions.layout.model import Grid


def test_the_default_settings_give_the_a3_six_column_grid():
    assert page_grid() == Grid()


def test_the_grid_follows_the_settings(settings):
    settings.CHENBAO = {
        **settings.CHENBAO,
        "PAGE_GRID": {
            **settings.CHENBAO["PAGE_GRID"],
            "width": 350.0,
            "height": 520.0,
            "columns": 8,
        },
    }
    grid = page_grid()
    assert (grid.width, grid.height, grid.columns) == (350.0, 520.0, 8)
    assert grid.type_width == 350.0 - 28.0
