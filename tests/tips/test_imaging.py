"""Photos are stored with nothing but their pixels: no EXIF, GPS, MakerNote, XMP, ICC or
comment survives, in any accepted format (issue 13, item 2)."""

import io
import struct

import pytest
from PIL import Image, ImageCms

from chenbao.tips import imaging
from tests.tips import mediafiles


def jpeg_markers(data: bytes) -> list[int]:
    """Return the JPEG segment markers up to the start of scan."""
    assert data[:2] == b"\xff\xd8"
    markers, pos = [], 2
    while pos < len(data):
        marker = data[pos + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            return markers
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        pos += 2 + length
    return markers


def png_chunks(data: bytes) -> list[bytes]:
    chunks, pos = [], 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunks.append(kind)
        pos += 12 + length
    return chunks


@pytest.mark.parametrize("name", list(mediafiles.PHOTOS))
def test_no_planted_metadata_reaches_the_stored_file(name):
    data = mediafiles.PHOTOS[name]()
    assert sum(p in data for p in mediafiles.PLANTED) >= 2  # the fixture did plant them
    photo = imaging.reencode(data)
    for planted in mediafiles.PLANTED:
        assert planted not in photo.data
    for marker in (b"Exif", b"xmpmeta", b"ICC_PROFILE", b"adobe", b"GPS"):
        assert marker not in photo.data
    if photo.ext == ".jpg":
        # SOI, then only JFIF (APP0), tables, frame, scan: no COM, APP1 (EXIF/XMP), APP2 (ICC).
        markers = jpeg_markers(photo.data)
        assert 0xFE not in markers and not set(range(0xE1, 0xF0)) & set(markers)
    else:
        assert set(png_chunks(photo.data)) <= {b"IHDR", b"IDAT", b"IEND"}
    with Image.open(io.BytesIO(photo.data)) as img:
        assert not img.getexif() and "icc_profile" not in img.info and "comment" not in img.info
        assert img.size == (64, 48)


def test_jpeg_comment_is_not_copied():
    """The attack found a COM segment (`tel=13800001111 GPS …`) copied into the stored file."""
    data = mediafiles.jpeg()
    assert 0xFE in jpeg_markers(data) and mediafiles.COMMENT in data
    assert mediafiles.COMMENT not in imaging.reencode(data).data


def test_lossless_formats_stay_png_and_photos_become_jpeg():
    kinds = {name: imaging.reencode(build()).ext for name, build in mediafiles.PHOTOS.items()}
    assert kinds == {
        "jpeg": ".jpg",
        "mpo": ".jpg",
        "png": ".png",
        "webp": ".jpg",
        "gif": ".png",
        "heic": ".jpg",
        "avif": ".jpg",
    }


def test_orientation_is_applied_before_the_exif_goes():
    out = io.BytesIO()
    mediafiles.picture().save(out, format="JPEG", exif=mediafiles.exif_with_gps(orientation=6))
    photo = imaging.reencode(out.getvalue())
    with Image.open(io.BytesIO(photo.data)) as img:
        assert img.size == (48, 64)  # rotated upright, and no orientation tag left


def swapped_primaries_profile() -> bytes:
    """An RGB profile whose red and blue primaries are swapped: not sRGB, and visibly so."""
    icc = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    (count,) = struct.unpack(">I", icc[128:132])
    entries = {bytes(icc[132 + 12 * i : 136 + 12 * i]): 136 + 12 * i for i in range(count)}
    red, blue = entries[b"rXYZ"], entries[b"bXYZ"]
    icc[red : red + 8], icc[blue : blue + 8] = icc[blue : blue + 8], icc[red : red + 8]
    return bytes(icc)


def test_colours_in_another_profile_are_converted_to_srgb():
    """A photo tagged with another profile (Display P3 on iPhones) is converted, then untagged."""
    swapped = swapped_primaries_profile()
    img = Image.new("RGB", (8, 8), (200, 30, 30))
    out = io.BytesIO()
    img.save(out, format="PNG", icc_profile=swapped)
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    source = ImageCms.ImageCmsProfile(io.BytesIO(swapped))
    expected = ImageCms.profileToProfile(img, source, srgb).getpixel((0, 0))
    photo = imaging.reencode(out.getvalue())
    with Image.open(io.BytesIO(photo.data)) as stored:
        assert "icc_profile" not in stored.info
        red, _green, blue = stored.getpixel((0, 0))
        assert stored.getpixel((0, 0)) == expected and blue > red  # the red was really blue


def test_probe_reads_the_size_from_the_header_only():
    bomb = mediafiles.bilevel_png(7700, 7700)
    found = imaging.probe(bomb)
    assert (found.format, found.width, found.height, found.pixels) == (
        "PNG",
        7700,
        7700,
        59_290_000,
    )


@pytest.mark.parametrize("fmt", ["TIFF", "BMP", "ICO", "PPM"])
def test_formats_phones_do_not_send_are_not_parsed(fmt):
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format=fmt)
    with pytest.raises(imaging.ImageRefused, match="无法识别"):
        imaging.probe(out.getvalue())
