"""Artwork checks: pixels against the slot's printed size at 300 dpi, PDF page size."""

import io

from chenbao.ads.material import Grid, material_check

GRID = Grid(column_mm=40, gutter_mm=4, min_dpi=300)
# A 6-column slot is 6×40 + 5×4 = 260 mm wide; 60 mm high.


def check(file, columns=6, height_mm=60):
    return material_check(io.BytesIO(file.read()), columns=columns, height_mm=height_mm, grid=GRID)


def test_slot_width_counts_the_gutters():
    assert GRID.slot_mm(6, 60) == (260, 60)
    assert GRID.slot_mm(1, 60) == (40, 60)


def test_image_at_300_dpi_passes(artwork):
    result = check(artwork.png(3071, 709))  # 260 × 60 mm at 300 dpi
    assert result.ok, result.problems
    assert result.kind == "image" and result.dpi == 300


def test_low_resolution_image_is_refused_with_the_pixels_needed(artwork):
    result = check(artwork.png(1536, 355))  # 150 dpi
    assert not result.ok
    assert "分辨率不足" in result.problems[0] and "150 dpi" in result.problems[0]
    assert "3071×709" in result.problems[0]


def test_wrong_proportions_are_refused(artwork):
    result = check(artwork.png(3100, 1500))
    assert any("比例不符" in p for p in result.problems)


def test_pdf_of_the_slots_size_passes_and_a_wrong_size_does_not(artwork):
    assert check(artwork.pdf(260, 60)).ok
    assert check(artwork.pdf(260.6, 59.5)).ok  # within 1 mm
    wrong = check(artwork.pdf(210, 297))
    assert not wrong.ok and "尺寸不符" in wrong.problems[0] and "210.0×297.0" in wrong.problems[0]


def test_other_files_are_refused():
    result = material_check(io.BytesIO(b"GIF89a not really"), columns=6, height_mm=60, grid=GRID)
    assert not result.ok and "JPEG" in result.problems[0]
    broken = material_check(io.BytesIO(b"%PDF-1.4 broken"), columns=6, height_mm=60, grid=GRID)
    assert not broken.ok and "PDF" in broken.problems[0]
