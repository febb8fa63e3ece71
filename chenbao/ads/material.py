"""Check ad artwork against its slot: size, proportions and print resolution.

Pure module (Pillow and pypdf, no Django). A slot is ``columns`` wide on the page grid the
ad is printed on (chenbao/editions/layout/model.py ``Grid``, as the settings name it) and
``height_mm`` high; its width is ``columns × column + (columns − 1) × gutter``. Images must
be at least ``min_dpi`` (300 by default) at the slot's size and in its proportions (within
``aspect_tolerance``, 2 %), or they would print soft or distorted.
A PDF's first page (its TrimBox, else MediaBox) must be the slot's size within
``size_tolerance_mm`` (1 mm); the resolution of images inside a PDF is not checked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import IO

from chenbao.editions.layout.model import Grid

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0


@dataclass(frozen=True)
class Tolerances:
    """How close artwork must come to its slot."""

    min_dpi: int = 300
    size_tolerance_mm: float = 1.0
    aspect_tolerance: float = 0.02


def slot_mm(grid: Grid, columns: int, height_mm: float) -> tuple[float, float]:
    """Return the printed width and height of a slot `columns` wide on `grid`."""
    return grid.span_width(columns), float(height_mm)


@dataclass
class MaterialCheck:
    kind: str  # "image", "pdf" or "unknown"
    width_px: int | None = None
    height_px: int | None = None
    width_mm: float | None = None
    height_mm: float | None = None
    dpi: int | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def material_check(
    stream: IO[bytes],
    *,
    columns: int,
    height_mm: float,
    grid: Grid,
    tolerances: Tolerances = Tolerances(),  # noqa: B008 - frozen, shared safely
) -> MaterialCheck:
    """Check artwork in `stream` (an image or a PDF) for a slot of `columns` × `height_mm`."""
    slot_w, slot_h = slot_mm(grid, columns, height_mm)
    head = stream.read(5)
    stream.seek(0)
    if head == b"%PDF-":
        return _check_pdf(stream, slot_w, slot_h, tolerances)
    return _check_image(stream, slot_w, slot_h, tolerances)


def _check_image(stream: IO[bytes], slot_w: float, slot_h: float, tol: Tolerances) -> MaterialCheck:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(stream) as image:
            width, height = image.size
            image_format = image.format
    except (UnidentifiedImageError, OSError):
        return MaterialCheck(
            "unknown", problems=["无法识别的文件：只接受 JPEG、PNG、TIFF 图片或 PDF"]
        )
    if image_format not in ("JPEG", "PNG", "TIFF"):
        return MaterialCheck(
            "image",
            width,
            height,
            problems=[f"不接受 {image_format} 格式，请用 JPEG、PNG、TIFF 或 PDF"],
        )
    dpi = int(min(width / (slot_w / MM_PER_INCH), height / (slot_h / MM_PER_INCH)))
    check = MaterialCheck("image", width, height, round(slot_w, 1), round(slot_h, 1), dpi)
    if dpi < tol.min_dpi:
        need_w = _px(slot_w, tol.min_dpi)
        need_h = _px(slot_h, tol.min_dpi)
        check.problems.append(
            f"分辨率不足：{width}×{height} 像素在 {slot_w:.0f}×{slot_h:.0f} 毫米版位上"
            f"只有 {dpi} dpi，"
            f"至少需要 {tol.min_dpi} dpi（{need_w}×{need_h} 像素）"
        )
    aspect_image, aspect_slot = width / height, slot_w / slot_h
    if abs(aspect_image / aspect_slot - 1) > tol.aspect_tolerance:
        check.problems.append(
            f"比例不符：图片宽高比 {aspect_image:.2f}，"
            f"版位 {slot_w:.0f}×{slot_h:.0f} 毫米为 {aspect_slot:.2f}"
        )
    return check


def _check_pdf(stream: IO[bytes], slot_w: float, slot_h: float, tol: Tolerances) -> MaterialCheck:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(stream)
        if reader.is_encrypted:
            return MaterialCheck("pdf", problems=["PDF 已加密，请提供未加密的文件"])
        page = reader.pages[0]
        box = page.trimbox if "/TrimBox" in page else page.mediabox
        width_mm = float(box.width) / PT_PER_INCH * MM_PER_INCH
        height_mm = float(box.height) / PT_PER_INCH * MM_PER_INCH
    except (PdfReadError, IndexError, ValueError, KeyError):
        return MaterialCheck("pdf", problems=["PDF 文件已损坏或没有页面"])
    if page.get("/Rotate", 0) in (90, 270):
        width_mm, height_mm = height_mm, width_mm
    check = MaterialCheck("pdf", width_mm=round(width_mm, 1), height_mm=round(height_mm, 1))
    if (
        abs(width_mm - slot_w) > tol.size_tolerance_mm
        or abs(height_mm - slot_h) > tol.size_tolerance_mm
    ):
        check.problems.append(
            f"尺寸不符：PDF 为 {width_mm:.1f}×{height_mm:.1f} 毫米，"
            f"版位为 {slot_w:.1f}×{slot_h:.1f} 毫米"
        )
    return check


def _px(mm: float, dpi: int) -> int:
    return math.ceil(mm / MM_PER_INCH * dpi)
