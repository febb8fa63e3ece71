"""Blank bands: empty stretches of the type area, found per column and joined (layout/bands.py)."""

from chenbao.editions.layout.bands import Band, Placed, blank_bands
from chenbao.editions.layout.model import Grid

GRID = Grid()  # type area 385 mm high, six columns


def test_an_empty_page_has_no_bands():
    assert blank_bands(GRID, []) == []


def test_a_page_filled_to_the_foot_has_no_bands():
    assert blank_bands(GRID, [Placed("all", 0, 6, 0.0, GRID.type_height)]) == []


def test_the_space_under_the_last_slot_is_one_band_across_the_page():
    assert blank_bands(GRID, [Placed("lead", 0, 6, 0.0, 100.0)]) == [
        Band(0, 6, 100.0, GRID.type_height - 100.0, above="lead", below="")
    ]


def test_a_rule_gap_between_rows_is_not_a_band_but_a_wider_gap_is():
    placed = [
        Placed("a", 0, 6, 0.0, 100.0),
        Placed("b", 0, 6, 105.0, 100.0),
        Placed("c", 0, 6, 217.0, GRID.type_height - 217.0),
    ]
    assert blank_bands(GRID, placed) == [Band(0, 6, 205.0, 12.0, above="b", below="c")]
    assert blank_bands(GRID, placed, limit=15.0) == []


def test_a_gap_at_the_top_of_the_page_has_nothing_above_it():
    placed = [Placed("foot", 0, 6, 50.0, GRID.type_height - 50.0)]
    assert blank_bands(GRID, placed) == [Band(0, 6, 0.0, 50.0, above="", below="foot")]


def test_the_empty_side_under_a_short_box_is_a_band_of_its_columns_only():
    placed = [
        Placed("lead", 0, 4, 0.0, 200.0),
        Placed("weather", 4, 2, 0.0, 60.0),
        Placed("second", 0, 6, 205.0, GRID.type_height - 205.0),
    ]
    assert blank_bands(GRID, placed) == [Band(4, 2, 60.0, 145.0, above="weather", below="second")]


def test_columns_apart_or_with_gaps_of_other_heights_are_not_joined():
    placed = [
        Placed("left", 0, 1, 0.0, GRID.type_height),
        Placed("mid", 2, 1, 0.0, GRID.type_height),
        Placed("short", 3, 1, 0.0, 300.0),
        Placed("right", 4, 2, 0.0, GRID.type_height),
    ]
    bands = blank_bands(GRID, placed)
    assert [(b.col, b.span, b.top) for b in bands] == [(1, 1, 0.0), (3, 1, 300.0)]
    assert bands[0].height == GRID.type_height and bands[1].height == GRID.type_height - 300.0


def test_a_slot_inside_another_leaves_no_gap_and_bands_come_top_first():
    placed = [
        Placed("big", 0, 3, 0.0, 100.0),
        Placed("inset", 0, 1, 20.0, 30.0),
        Placed("right", 3, 3, 150.0, GRID.type_height - 150.0),
        Placed("left", 0, 3, 100.0, GRID.type_height - 100.0),
    ]
    assert blank_bands(GRID, placed) == [Band(3, 3, 0.0, 150.0, above="", below="right")]
    two = blank_bands(
        GRID,
        [Placed("a", 0, 3, 0.0, 300.0), Placed("b", 3, 3, 0.0, 50.0)],
    )
    assert [(b.col, b.top) for b in two] == [(3, 50.0), (0, 300.0)]
