"""The print PDF: CMYK colours with K-only black, and optional crop marks with TrimBox/BleedBox.

Everything is read back from the published files: colour operators from the page's
content stream (pypdf), marks and text from pdfplumber, pixels from the PNG.
"""

import io
import json

import pdfplumber
import pypdfium2
import pytest
import zxingcpp
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.test import Client
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader
from pypdf.generic import ContentStream

from chenbao.core.roles import PAGE_EDITOR
from chenbao.editions.printpdf import CropMarks, crop_marks_add, mark_lines
from chenbao.editions.services.publish import edition_publish
from chenbao.editions.typography import Typography, colour

from .conftest import squash

MM = 72 / 25.4
A3 = (297 * MM, 420 * MM)
# Operators that set a colour other than DeviceCMYK's k / K.
OTHER_COLOUR_OPS = {b"rg", b"RG", b"g", b"G", b"sc", b"SC", b"scn", b"SCN", b"cs", b"CS"}
# The colours the page was set in before, in RGB: what the e-paper PNG must still show.
RGB_BEFORE = {"red": "#c8161d", "blue": "#1f5fa8", "ink": "#000000", "grey": "#5a5a5a"}
RGB_BEFORE["tint"] = "#fbf3e6"


def cmyk_of(name: str, typography: Typography | None = None) -> tuple[float, ...]:
    return tuple(v / 100 for v in colour(getattr(typography or Typography(), name))["cmyk"])


def near(a, b) -> bool:
    """CMYK components as Typst writes them: to the nearest 1/255."""
    return len(a) == len(b) and all(abs(x - y) <= 1 / 255 + 1e-6 for x, y in zip(a, b, strict=True))


def colour_ops(pdf: bytes):
    """The page's content stream operations and its /ColorSpace resources."""
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    ops = ContentStream(page.get_contents(), reader).operations
    spaces = page["/Resources"].get("/ColorSpace")
    return ops, (spaces.get_object() if spaces is not None else {})


def colours_set(ops, operator: bytes) -> list[tuple[float, ...]]:
    return [tuple(float(v) for v in operands) for operands, op in ops if op == operator]


def publish(edition, folder, **kwargs):
    return edition_publish(
        edition=edition, storage=FileSystemStorage(location=str(folder)), **kwargs
    )


def test_spot_colours_are_cmyk_and_text_and_rules_print_on_the_black_plate_only(
    reference_page, publish_dir, manifest_of
):
    call_command("render", date="2022-12-02", out=str(publish_dir), no_progress=True)
    folder = publish_dir / "2022-12-02"
    pdf = (folder / "A02.pdf").read_bytes()
    ops, spaces = colour_ops(pdf)

    # Every vector colour on the page is DeviceCMYK: no RGB, gray or ICC colour space.
    assert not {op for _, op in ops} & OTHER_COLOUR_OPS
    assert dict(spaces) == {}
    fills, strokes = colours_set(ops, b"k"), colours_set(ops, b"K")
    ink, red, blue = cmyk_of("ink"), cmyk_of("red"), cmyk_of("blue")
    assert ink == (0, 0, 0, 1)
    # The banner's hotline and the ad slogan in red, the weather title bar in blue, the
    # public-service ad's tint behind it, its label in grey, the title knocked out.
    for name in ("ink", "red", "blue", "grey", "tint"):
        assert any(near(f, cmyk_of(name)) for f in fills), name
    assert any(near(f, (0, 0, 0, 0)) for f in fills)
    # Rules and borders: black rules, the red banner and blue weather box (its day rules
    # in a lighter blue); nothing else.
    lighter_blue = tuple(v / 2 for v in blue)
    assert all(any(near(s, c) for c in (ink, red, blue, lighter_blue)) for s in strokes), strokes
    assert any(near(s, ink) for s in strokes) and any(near(s, red) for s in strokes)

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        chars = [c for c in page.chars if c["text"].strip()]
        # The story bodies, in the serif: every glyph in K 100 % alone.
        area = manifest_of(folder)["pages"]["A02"]["areas"][0]
        left, top, right, bottom = (v * 72 / 150 for v in area["body"])
        body = [c for c in chars if left <= c["x0"] and c["x1"] <= right and top <= c["top"]]
        body = [c for c in body if c["bottom"] <= bottom]
        assert len(body) > 500
        assert {tuple(c["non_stroking_color"]) for c in body} == {(0, 0, 0, 1)}
        hotline = [c for c in chars if c["text"] in "3585000"]
        assert any(near(tuple(c["non_stroking_color"]), red) for c in hotline)

    # The QR code, now drawn from its modules in K only, still scans: on the e-paper image
    # and on the print PDF as a RIP would rasterise it.
    url = reference_page.tipline_qr_url
    assert url
    with Image.open(folder / "A02.png") as im:
        assert [b.text for b in zxingcpp.read_barcodes(im)] == [url]
    printed = pypdfium2.PdfDocument(pdf)[0].render(scale=200 / 72).to_pil()
    assert [b.text for b in zxingcpp.read_barcodes(printed)] == [url]


def test_the_epaper_image_shows_the_cmyk_colours_close_to_the_rgb_they_replaced(
    reference_page, tmp_path
):
    edition = reference_page.edition
    # At 300 ppi the small grey label has solid pixels enough to compare.
    publish(edition, tmp_path / "cmyk", ppi=300)
    publish(edition, tmp_path / "rgb", ppi=300, typography=Typography(**RGB_BEFORE))
    ops, spaces = colour_ops((tmp_path / "rgb" / "2022-12-02" / "A02.pdf").read_bytes())
    assert b"scn" in {op for _, op in ops}  # a paper may still print RGB
    assert set(colours_set(ops, b"k")) == {(0, 0, 0, 0)}  # only the knocked-out title

    cmyk = Image.open(tmp_path / "cmyk" / "2022-12-02" / "A02.png").convert("RGB")
    rgb = Image.open(tmp_path / "rgb" / "2022-12-02" / "A02.png").convert("RGB")
    assert cmyk.size == rgb.size
    ad = None  # the public-service ad, where the grey label is
    for name in ("tint", "red", "blue", "ink", "grey"):
        hex_colour = RGB_BEFORE[name]
        target = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        # The pixels painted solidly in this colour before, and what they show now.
        masks = [
            band.point(lambda v, t=t: 255 if v == t else 0)
            for band, t in zip(rgb.split(), target, strict=True)
        ]
        mask = ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2])
        if name == "tint":
            ad = mask.getbbox()
        elif name == "grey":
            # Only in the ad: elsewhere black type's anti-aliased edges pass through grey.
            mask = Image.new("L", mask.size, 0)
            mask.paste(masks[0].crop(ad), ad)
            mask = ImageChops.multiply(mask, ImageChops.multiply(masks[1], masks[2]))
        count = ImageStat.Stat(mask).sum[0] / 255
        assert count > 20, name  # every colour is on the page
        now = ImageStat.Stat(cmyk, mask=mask).median
        allowed = 40 if name == "ink" else 12  # K 100 % shows as #231f20, as it prints
        assert all(abs(a - b) <= allowed for a, b in zip(now, target, strict=True)), (name, now)


def _page_pdf(pdf: bytes):
    return PdfReader(io.BytesIO(pdf)).pages[0]


def _box(rect) -> list[float]:
    return [float(v) for v in rect]


def box_of(*values):
    return pytest.approx(list(values), abs=0.002)


def test_crop_marks_enlarge_the_print_pdf_and_leave_the_epaper_exactly_as_it_was(
    reference_page, publish_dir, manifest_of, read_page_columns
):
    plain, marked = publish_dir / "plain", publish_dir / "marked"
    call_command("render", date="2022-12-02", out=str(plain), no_progress=True)
    call_command("render", date="2022-12-02", out=str(marked), no_progress=True, crop_marks=True)
    plain, marked = plain / "2022-12-02", marked / "2022-12-02"

    # Marks off (the default): the page is exactly A3, with no other box.
    page = _page_pdf((plain / "A02.pdf").read_bytes())
    assert _box(page.mediabox) == box_of(0, 0, *A3)
    assert "/TrimBox" not in page and "/BleedBox" not in page

    # Marks on: A3 and 10 mm of slug all round; the TrimBox is the A3 page.
    slug, bleed = 10 * MM, 3 * MM
    pdf = (marked / "A02.pdf").read_bytes()
    for data in (pdf, (marked / "edition.pdf").read_bytes()):
        assert data.startswith(b"%PDF-1.7")
        page = _page_pdf(data)
        assert _box(page.mediabox) == box_of(0, 0, A3[0] + 2 * slug, A3[1] + 2 * slug)
        assert _box(page.trimbox) == box_of(slug, slug, slug + A3[0], slug + A3[1])
        assert _box(page.bleedbox) == box_of(
            slug - bleed, slug - bleed, slug + A3[0] + bleed, slug + A3[1] + bleed
        )
        assert page["/Resources"]["/ColorSpace"]["/CbRegistration"][:2] == ["/Separation", "/All"]

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        width, height = A3[0] + 2 * slug, A3[1] + 2 * slug
        outside = [
            line
            for line in page.lines
            if line["x1"] <= slug + 0.01
            or line["x0"] >= width - slug - 0.01
            or line["bottom"] <= slug + 0.01
            or line["top"] >= height - slug - 0.01
        ]
        # Two hairlines at each corner, in registration colour, none reaching the trim.
        assert len(outside) == 8
        for x, y in (
            (slug, slug),
            (width - slug, slug),
            (slug, height - slug),
            (width - slug, height - slug),
        ):
            at = [
                ln
                for ln in outside
                if min(abs(ln["x0"] - x), abs(ln["x1"] - x)) < bleed + 0.1
                and min(abs(ln["top"] - y), abs(ln["bottom"] - y)) < bleed + 0.1
            ]
            assert sorted(ln["x0"] == ln["x1"] for ln in at) == [False, True], (x, y)
        for line in outside:
            assert line["linewidth"] == pytest.approx(0.25)
            assert line["stroking_color"] in (1, (1,))  # all of the registration colour
            assert line["x0"] >= 0 and line["x1"] <= width and line["top"] >= 0
            # From the bleed outwards: never inside the BleedBox.
            inside_x = slug - bleed + 0.01 < line["x0"] < width - slug + bleed - 0.01
            inside_y = slug - bleed + 0.01 < line["top"] < height - slug + bleed - 0.01
            assert not (inside_x and inside_y)
        text = squash(page.extract_text())
    with pdfplumber.open(plain / "A02.pdf") as doc:
        assert text == squash(doc.pages[0].extract_text())

    # The stories read back column by column as on the page without marks.
    areas = manifest_of(marked)["pages"]["A02"]["areas"]
    assert areas == manifest_of(plain)["pages"]["A02"]["areas"]
    columns = read_page_columns(pdf, areas, ppi=150, origin=slug)
    assert columns == read_page_columns((plain / "A02.pdf").read_bytes(), areas, ppi=150)
    assert sum(len(c) for story in columns for c in story) > 150

    # The e-paper: the same image, thumbnail, image map and HTML, byte for byte.
    for name in ("A02.png", "A02-thumb.png", "A02.html", "index.html"):
        assert (marked / name).read_bytes() == (plain / name).read_bytes(), name
    assert manifest_of(marked)["pages"]["A02"]["width_px"] == 1754


def test_turning_crop_marks_on_re_renders_the_page_and_rewrites_only_the_pdfs(
    reference_page, tmp_path, manifest_of
):
    edition = reference_page.edition
    first = publish(edition, tmp_path)
    folder = tmp_path / "2022-12-02"
    plain_hash = first.pages[0].hash
    with_marks = publish(edition, tmp_path, crop_marks=True)
    assert with_marks.pages[0].rendered and with_marks.pages[0].hash != plain_hash
    assert {"2022-12-02/A02.pdf", "2022-12-02/edition.pdf"} <= set(with_marks.written)
    assert "2022-12-02/A02.png" in with_marks.unchanged
    assert "/TrimBox" in _page_pdf((folder / "A02.pdf").read_bytes())
    # Again with marks: nothing to lay out. Other sizes are another PDF.
    assert not publish(edition, tmp_path, crop_marks=True).pages[0].rendered
    wider = publish(edition, tmp_path, crop_marks=CropMarks(slug_mm=15))
    assert wider.pages[0].rendered
    page = _page_pdf((folder / "A02.pdf").read_bytes())
    assert _box(page.mediabox)[2] == pytest.approx(A3[0] + 30 * MM, abs=0.002)
    # And off again: the plain A3 page is back.
    assert publish(edition, tmp_path, crop_marks=False).pages[0].hash == plain_hash
    assert "/TrimBox" not in _page_pdf((folder / "A02.pdf").read_bytes())
    assert json.loads((folder / "manifest.json").read_text())["pages"]["A02"]["hash"] == plain_hash


def test_admin_publish_follows_the_crop_marks_setting(
    make_user, reference_page, settings, publish_dir
):
    settings.CHENBAO = {**settings.CHENBAO, "PRINT_CROP_MARKS": True, "PRINT_SLUG_MM": 12.0}
    client = Client()
    client.force_login(make_user("layout", PAGE_EDITOR))
    url = f"/admin/editions/{reference_page.edition.pk}/publish/"
    assert "印刷 PDF 带裁切线" in client.get(url).content.decode()
    client.post(url)
    pdf = client.get("/epaper-files/2022-12-02/A02.pdf")
    page = _page_pdf(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content)
    slug = 12 * MM
    assert _box(page.trimbox) == box_of(slug, slug, slug + A3[0], slug + A3[1])
    # `chenbao render --no-crop-marks` overrides the setting.
    call_command(
        "render", date="2022-12-02", out=str(publish_dir), no_progress=True, crop_marks=False
    )
    page = _page_pdf((publish_dir / "2022-12-02" / "A02.pdf").read_bytes())
    assert _box(page.mediabox) == box_of(0, 0, *A3) and "/TrimBox" not in page


def test_crop_marks_sit_in_the_slug_and_annotations_move_with_the_page():
    from pypdf import PdfWriter
    from pypdf.annotations import Link

    marks = CropMarks(slug_mm=10, bleed_mm=3)
    lines = mark_lines(*A3, marks)
    assert len(lines) == 8
    for x0, y0, x1, y1 in lines:
        for x, y in ((x0, y0), (x1, y1)):
            assert 0 < x < A3[0] + 20 * MM and 0 < y < A3[1] + 20 * MM
            # Outside the bleed on at least one axis: the marks never print on the page.
            assert not (7 * MM < x < A3[0] + 13 * MM and 7 * MM < y < A3[1] + 13 * MM)
    with pytest.raises(ValueError):
        CropMarks(slug_mm=4, bleed_mm=3)

    writer = PdfWriter()
    writer.add_blank_page(*A3)
    writer.add_annotation(0, Link(rect=(10, 20, 30, 40), url="https://example.org/"))
    buf = io.BytesIO()
    writer.write(buf)
    page = _page_pdf(crop_marks_add(buf.getvalue(), marks))
    rect = [float(v) for v in page["/Annots"][0].get_object()["/Rect"]]
    assert rect == pytest.approx([10 + 10 * MM, 20 + 10 * MM, 30 + 10 * MM, 40 + 10 * MM])
