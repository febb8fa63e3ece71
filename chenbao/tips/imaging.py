"""Readers' photos: read the header, then decode and re-encode with nothing but the pixels.

Pure: Pillow (and pillow-heif for HEIC) only, no Django. `probe` reads only the header
(format and size, no pixel decoded), so a decompression bomb is refused before it costs
anything. `reencode` builds a fresh image from the decoded pixels, converted to sRGB, and
saves it with explicit options only: no EXIF (GPS, camera, time), no MakerNote, no XMP, no
ICC profile, no comment (JPEG COM, PNG tEXt/iTXt/zTXt/eXIf, GIF comment) can reach the file
we store, because nothing of the source's `info` is handed to the encoder.
"""

import io
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

register_heif_opener()  # iPhones send HEIC; Pillow reads AVIF itself

# The formats phones and browsers send (JPEG covers MPO, the multi-picture JPEG of some
# cameras). Pillow may read more (TIFF, PSD, ICO...): every other parser is attack surface
# we do not need, so Image.open is told only these.
ACCEPTED = ("JPEG", "PNG", "GIF", "WEBP", "HEIF", "AVIF")
_LOSSLESS = {"PNG", "GIF"}  # stored as PNG (screenshots, drawings); the rest as JPEG
JPEG_QUALITY = 90
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class ImageRefused(ValueError):
    """Not a photo we keep; the message is Chinese, for the reader."""


@dataclass(frozen=True)
class ImageProbe:
    format: str
    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


@dataclass(frozen=True)
class Photo:
    ext: str
    content_type: str
    data: bytes


UNREADABLE = "只能上传照片或视频（文件内容无法识别）。"
_PARSE_ERRORS = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    TypeError,
    IndexError,
    KeyError,
    EOFError,
    Image.DecompressionBombError,
)


def probe(data: bytes) -> ImageProbe:
    """Return the photo's format and size from its header, decoding no pixel."""
    try:
        with Image.open(io.BytesIO(data), formats=ACCEPTED) as img:
            return ImageProbe(img.format or "", *img.size)
    except Image.DecompressionBombError as exc:
        raise ImageRefused(too_many_pixels(None)) from exc
    except _PARSE_ERRORS as exc:
        raise ImageRefused(UNREADABLE) from exc


def too_many_pixels(limit: int | None) -> str:
    cap = f"（最多 {limit // 1_000_000} 百万像素）" if limit else ""
    return f"图片尺寸过大{cap}，请用手机原图或压缩后再上传。"


def reencode(data: bytes) -> Photo:
    """Decode the photo's first frame and return it re-encoded without any metadata."""
    try:
        with Image.open(io.BytesIO(data), formats=ACCEPTED) as opened:
            fmt = opened.format or ""
            opened.load()
            icc = opened.info.get("icc_profile")
            # Keep the picture upright once its EXIF orientation is gone.
            ImageOps.exif_transpose(opened, in_place=True)
            pixels = _to_srgb(_plain_mode(opened, lossless=fmt in _LOSSLESS), icc)
            fresh = Image.new(pixels.mode, pixels.size)  # an empty `info`: nothing but pixels
            fresh.paste(pixels)
            del pixels
    except MemoryError as exc:
        raise ImageRefused(too_many_pixels(None)) from exc
    except _PARSE_ERRORS as exc:
        raise ImageRefused(UNREADABLE) from exc
    out = io.BytesIO()
    if fmt in _LOSSLESS:
        fresh.save(out, format="PNG")
        return Photo(".png", "image/png", out.getvalue())
    fresh.save(out, format="JPEG", quality=JPEG_QUALITY)
    return Photo(".jpg", "image/jpeg", out.getvalue())


def _plain_mode(img: Image.Image, *, lossless: bool) -> Image.Image:
    """Return `img` in RGB, or for PNG/GIF in RGB(A)/L(A): no palette, no odd depths."""
    mode = img.mode
    if mode.startswith("I;16") or mode in {"I", "F"}:
        img = img.convert("I").point(lambda v: v / 256).convert("L")
        mode = "L"
    if lossless:
        if mode in {"RGB", "RGBA", "L", "LA", "1"}:
            return img
        has_alpha = "A" in mode or "transparency" in img.info
        return img.convert("RGBA" if has_alpha else "RGB")
    return img if mode == "RGB" else img.convert("RGB")


def _to_srgb(img: Image.Image, icc: bytes | None) -> Image.Image:
    """Convert pixels tagged with another colour profile (Display P3, Adobe RGB) to sRGB."""
    if not icc or img.mode not in {"RGB", "RGBA"}:
        return img
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        ImageCms.profileToProfile(img, source, _SRGB, inPlace=True)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        pass  # an unreadable profile is dropped; the colours stay as decoded
    return img
