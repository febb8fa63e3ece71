"""The 版位 panel: the page grid drawn over the slots' forms (panels.py)."""

import re

from django.test import Client

from chenbao.core.roles import PAGE_EDITOR
from chenbao.editions.layout.model import Grid
from chenbao.editions.panels import board_for


def test_page_editor_sees_the_slot_board_with_the_grid_from_the_server(make_user, reference_page):
    """The 版位 panel draws the page grid (numbers from Grid, not the script) and its script."""
    grid = Grid()
    client = Client()
    client.force_login(make_user("banmian", PAGE_EDITOR))
    for url in (
        f"/admin/snippets/editions/printedpage/edit/{reference_page.pk}/",
        "/admin/snippets/editions/printedpage/add/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        board = re.search(r"<div class=\"slot-board\" data-slot-board(.*?)>", html, re.S)
        assert board, url
        attrs = dict(re.findall(r'data-([\w-]+)="([^"]*)"', board.group(1)))
        assert attrs["formset-prefix"] == "slots"
        assert int(attrs["columns"]) == grid.columns == 6
        assert float(attrs["gutter"]) == grid.gutter
        assert float(attrs["column-width"]) == grid.column_width
        assert float(attrs["type-width"]) == grid.type_width
        assert float(attrs["type-height"]) == grid.type_height == 385
        assert attrs["overlap-text"] == "版位重叠：{slots}"
        assert html.count('class="slot-board__column"') == grid.columns
        assert "版心 269 × 385 毫米，6 栏" in html
        assert "/static/editions/slot_board.js" in html
        assert "/static/editions/slot_board.css" in html
        # The board sits on the slots' inline forms, which stay the numbers that are saved.
        assert html.index("data-slot-board") < html.index('id="id_slots-FORMS"')


def test_the_board_draws_each_column_and_a_ruler_tick_every_fifty_millimetres():
    board = board_for(Grid())
    assert (board.columns, board.gutter, board.type_width, board.type_height) == (
        6,
        "4",
        "269",
        "385",
    )
    assert board.column_width == "41.5"
    assert [c.number for c in board.column_strips] == [1, 2, 3, 4, 5, 6]
    first, second = board.column_strips[:2]
    assert (first.left, first.width) == ("0.0000", f"{41.5 / 269 * 100:.4f}")
    assert second.left == f"{45.5 / 269 * 100:.4f}"
    assert [t.mm for t in board.ticks] == [50, 100, 150, 200, 250, 300, 350]
    assert board.ticks[0].top == f"{50 / 385 * 100:.4f}"


def test_the_board_follows_another_grid_and_never_localises_its_numbers():
    board = board_for(Grid(width=250, height=350, columns=5, gutter=3.5, folio_height=4))
    assert board.columns == 5 and len(board.column_strips) == 5
    assert board.gutter == "3.5" and "," not in board.column_width
    assert board.type_height == "320" and [t.mm for t in board.ticks] == [
        50,
        100,
        150,
        200,
        250,
        300,
    ]
