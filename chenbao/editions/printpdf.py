"""The print PDF's page boxes and crop marks, added to the PDF Typst wrote (no Django here).

Typst cannot set a page's TrimBox or BleedBox, so `crop_marks_add` does it after the fact with
pypdf: the page grows by a slug on every side, the page's own content stream is kept
byte for byte and moved into the middle (a `cm` around it), and the marks are drawn in
the slug in registration colour (Separation /All: every plate). The e-paper PNG and its
image map are made from Typst's page itself and do not change.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    RectangleObject,
)

from chenbao.editions.layout.model import PT_PER_MM

REGISTRATION = "/CbRegistration"  # the colour space's name in the page's resources


@dataclass(frozen=True)
class CropMarks:
    """Crop marks outside the trimmed page: sizes in millimetres, line weight in points."""

    slug_mm: float = 10.0  # paper added on every side of the trimmed page
    bleed_mm: float = 3.0  # BleedBox beyond the trim; the marks start here
    weight_pt: float = 0.25

    def __post_init__(self) -> None:
        if self.bleed_mm < 0 or self.slug_mm < self.bleed_mm + 2:
            raise ValueError(
                f"crop marks need a slug at least 2 mm wider than the bleed "
                f"(slug {self.slug_mm} mm, bleed {self.bleed_mm} mm)"
            )


def mark_lines(width: float, height: float, marks: CropMarks) -> list[tuple[float, ...]]:
    """The crop marks of a trimmed page `width` × `height` points, in the enlarged page.

    Eight lines (x0, y0, x1, y1) in PDF points from the bottom left: at each corner one
    along the trim's horizontal edge and one along its vertical edge, from the bleed to
    1 mm short of the paper's edge.
    """
    slug = marks.slug_mm * PT_PER_MM
    near = marks.bleed_mm * PT_PER_MM  # from the trim
    far = (marks.slug_mm - 1) * PT_PER_MM
    lines: list[tuple[float, ...]] = []
    for x, sx in ((slug, -1), (slug + width, 1)):
        for y, sy in ((slug, -1), (slug + height, 1)):
            lines.append((x + sx * near, y, x + sx * far, y))  # horizontal, beside the corner
            lines.append((x, y + sy * near, x, y + sy * far))  # vertical, above or below it
    return lines


def crop_marks_add(pdf: bytes, marks: CropMarks) -> bytes:
    """Return `pdf` with every page enlarged by the slug, crop marks, TrimBox and BleedBox.

    The MediaBox (and CropBox) is the trimmed page plus the slug on each side, the TrimBox
    the page as Typst set it, the BleedBox the trim plus the bleed. Links and other
    annotations move with the page.
    """
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = reader.pdf_header  # Typst's PDF 1.7, not pypdf's default 1.3
    slug = marks.slug_mm * PT_PER_MM
    bleed = marks.bleed_mm * PT_PER_MM
    for page in writer.pages:
        box = page.mediabox
        x0, y0 = float(box.left), float(box.bottom)
        width, height = float(box.width), float(box.height)
        before = DecodedStreamObject()
        shift = (slug - x0, slug - y0)
        before.set_data(f"q 1 0 0 1 {_n(shift[0])} {_n(shift[1])} cm\n".encode())
        drawn = " ".join(
            f"{_n(a)} {_n(b)} m {_n(c)} {_n(d)} l S"
            for a, b, c, d in mark_lines(width, height, marks)
        )
        after = DecodedStreamObject()
        after.set_data(
            (
                f"\nQ\n/Artifact BMC q {REGISTRATION} CS 1 SCN {_n(marks.weight_pt)} w 0 J "
                f"{drawn} Q EMC\n"
            ).encode()
        )
        # Streams must be indirect objects; pypdf 5 to 7 add them with `_add_object`.
        contents = page.get("/Contents")
        if contents is None:
            old = []
        elif isinstance(contents.get_object(), ArrayObject):
            old = list(contents.get_object())
        else:
            old = [contents]
        page[NameObject("/Contents")] = ArrayObject(
            [writer._add_object(before), *old, writer._add_object(after)]
        )
        _add_registration(page)
        full = RectangleObject([0, 0, width + 2 * slug, height + 2 * slug])
        page.mediabox = full
        page.cropbox = full
        page.trimbox = RectangleObject([slug, slug, slug + width, slug + height])
        page.bleedbox = RectangleObject(
            [slug - bleed, slug - bleed, slug + width + bleed, slug + height + bleed]
        )
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            for key in ("/Rect", "/QuadPoints"):  # x y pairs, in page space
                if key in annot:
                    values = [float(v) for v in annot[key]]
                    annot[NameObject(key)] = ArrayObject(
                        FloatObject(v + shift[i % 2]) for i, v in enumerate(values)
                    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _add_registration(page) -> None:
    """Name the registration colour in the page's resources: Separation /All, 100 % = CMYK 1 1 1 1."""
    tint = DictionaryObject(
        {
            NameObject("/FunctionType"): NumberObject(2),
            NameObject("/Domain"): ArrayObject([NumberObject(0), NumberObject(1)]),
            NameObject("/C0"): ArrayObject([NumberObject(0)] * 4),
            NameObject("/C1"): ArrayObject([NumberObject(1)] * 4),
            NameObject("/N"): NumberObject(1),
        }
    )
    space = ArrayObject(
        [NameObject("/Separation"), NameObject("/All"), NameObject("/DeviceCMYK"), tint]
    )
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else DictionaryObject()
    spaces = resources.get("/ColorSpace")
    spaces = spaces.get_object() if spaces is not None else DictionaryObject()
    spaces[NameObject(REGISTRATION)] = space
    resources[NameObject("/ColorSpace")] = spaces
    page[NameObject("/Resources")] = resources


def _n(value: float) -> str:
    """A number for a content stream: at most four decimals, no exponent."""
    return f"{value:.4f}".rstrip("0").rstrip(".") or "0"
