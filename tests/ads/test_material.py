"""Artwork checks: pixels against the slot's printed size at 300 dpi, PDF page size."""

import io

import pytest

from chenbao.ads.material import material_check, slot_mm
from chenbao.editions.layout.model import Grid

GRID = Grid()
# On the A3 grid a 6-column slot is the type width, 269 mm (6 × 41.5 + 5 × 4); 60 mm high.


def check(file, columns=6, height_mm=60, grid=GRID):
    return material_check(io.BytesIO(file.read()), columns=columns, height_mm=height_mm, grid=grid)


def test_slot_width_counts_the_gutters():
    assert slot_mm(GRID, 6, 60) == (269, 60)
    assert slot_mm(GRID, 1, 60) == (41.5, 60)


@pytest.mark.django_db
def test_artwork_is_checked_against_the_grid_the_page_is_printed_on(settings, artwork):
    """The ad desk and the renderer share one grid (PAGE_GRID): artwork made for another
    grid's 260 mm is refused, and a paper with another grid gets its own checks."""
    from chenbao.editions.grid import page_grid

    assert slot_mm(page_grid(), 6, 60) == (page_grid().type_width, 60)
    made_for_260 = check(artwork.pdf(260, 60), grid=page_grid())
    assert not made_for_260.ok and "尺寸不符" in made_for_260.problems[0]
    settings.CHENBAO = {
        **settings.CHENBAO,
        "PAGE_GRID": {**settings.CHENBAO["PAGE_GRID"], "width": 288.0},  # 260 mm type width
    }
    assert check(artwork.pdf(260, 60), grid=page_grid()).ok


def test_image_at_300_dpi_passes(artwork):
    result = check(artwork.png(3178, 709))  # 269 × 60 mm at 300 dpi
    assert result.ok, result.problems
    assert result.kind == "image" and result.dpi == 300


def test_low_resolution_image_is_refused_with_the_pixels_needed(artwork):
    result = check(artwork.png(1589, 355))  # 150 dpi
    assert not result.ok
    assert "分辨率不足" in result.problems[0] and "150 dpi" in result.problems[0]
    assert "3178×709" in result.problems[0]


def test_wrong_proportions_are_refused(artwork):
    result = check(artwork.png(3100, 1500))
    assert any("比例不符" in p for p in result.problems)


def test_pdf_of_the_slots_size_passes_and_a_wrong_size_does_not(artwork):
    assert check(artwork.pdf(269, 60)).ok
    assert check(artwork.pdf(269.6, 59.5)).ok  # within 1 mm
    wrong = check(artwork.pdf(210, 297))
    assert not wrong.ok and "尺寸不符" in wrong.problems[0] and "210.0×297.0" in wrong.problems[0]


def test_other_files_are_refused():
    result = material_check(io.BytesIO(b"GIF89a not really"), columns=6, height_mm=60, grid=GRID)
    assert not result.ok and "JPEG" in result.problems[0]
    broken = material_check(io.BytesIO(b"%PDF-1.4 broken"), columns=6, height_mm=60, grid=GRID)
    assert not broken.ok and "PDF" in broken.problems[0]
