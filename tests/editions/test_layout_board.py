"""The page board's arithmetic: boxes to grid rectangles, the first free place, overlaps."""

from hypothesis import given
from hypothesis import strategies as st

from chenbao.editions.layout.board import (
    Rect,
    first_free_place,
    outside,
    overlapping,
    rect_from_box,
)
from chenbao.editions.layout.model import PT_PER_MM, Grid

GRID = Grid()


def box_of(rect: Rect, grid: Grid = GRID) -> dict:
    """The points Typst would report for `rect`."""
    pitch = grid.column_width + grid.gutter
    return {
        "x": (grid.margin_left + (rect.column - 1) * pitch) * PT_PER_MM,
        "y": (grid.margin_top + grid.folio_height + rect.top) * PT_PER_MM,
        "w": grid.span_width(rect.span) * PT_PER_MM,
        "h": rect.height * PT_PER_MM,
    }


@given(
    column=st.integers(1, 6),
    span=st.integers(1, 6),
    top=st.integers(0, 300),
    height=st.integers(1, 80),
)
def test_a_box_reads_back_as_the_rectangle_it_was_set_in(column, span, top, height):
    span = min(span, GRID.columns - column + 1)
    rect = Rect("s", column, span, float(top), float(height))
    assert rect_from_box("s", GRID, **box_of(rect)) == rect


def test_a_box_of_fractional_height_keeps_all_its_room():
    rect = rect_from_box("s", GRID, **{**box_of(Rect("s", 1, 4, 0, 10)), "h": 101.3 * PT_PER_MM})
    assert rect.height == 102


def test_a_new_slot_goes_below_what_fills_the_top_not_onto_it():
    taken = [Rect("lead", 1, 4, 0, 150), Rect("weather", 5, 2, 0, 60)]
    assert first_free_place(GRID, taken, span=2, height=80) == (5, 60)
    assert first_free_place(GRID, taken, span=6, height=50) == (1, 150)
    assert first_free_place(GRID, [], span=3, height=10) == (1, 0)


def test_no_free_place_on_a_full_page():
    full = [Rect("all", 1, 6, 0, GRID.type_height)]
    assert first_free_place(GRID, full, span=1, height=5) is None


@given(
    st.lists(
        st.tuples(st.integers(1, 6), st.integers(1, 3), st.integers(0, 350), st.integers(5, 60)),
        max_size=8,
    ),
    st.integers(1, 6),
    st.integers(1, 120),
)
def test_the_free_place_found_is_free_and_on_the_page(specs, span, height):
    taken = [
        Rect(f"s{i}", c, min(s, GRID.columns - c + 1), float(t), float(h))
        for i, (c, s, t, h) in enumerate(specs)
    ]
    found = first_free_place(GRID, taken, span=span, height=height)
    if found is None:
        return
    new = Rect("new", found[0], span, found[1], float(height))
    assert not outside(new, GRID)
    assert not any(new.overlaps(r, tolerance=0.0) for r in taken)


def test_overlaps_are_named_in_pairs_and_touching_slots_do_not_overlap():
    rects = [Rect("a", 1, 3, 0, 100), Rect("b", 3, 2, 50, 20), Rect("c", 1, 6, 100, 10)]
    assert overlapping(rects) == [("a", "b")]


def test_outside_the_type_area():
    assert outside(Rect("a", 5, 3, 0, 10), GRID)
    assert outside(Rect("a", 1, 1, GRID.type_height - 5, 10), GRID)
    assert not outside(Rect("a", 1, 6, 0, GRID.type_height), GRID)
