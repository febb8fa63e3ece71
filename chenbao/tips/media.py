"""Readers' photos and videos, checked by their content and cleaned before storage.

Pure: Pillow only, no Django. Photos are decoded and re-encoded, which drops EXIF (GPS,
camera, time) and any other metadata; the file name a reader sent is never used. Videos are
recognised by their container's magic bytes and kept as sent (see docs/tipline.md: their
metadata is not rewritten).
"""

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

try:  # iPhones send HEIC; pillow-heif comes with Wagtail's image stack when present.
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover
    pass

MAX_PIXELS = 60_000_000
_JPEG_LIKE = {"JPEG", "MPO", "WEBP", "HEIF", "AVIF", "TIFF", "BMP"}
_LOSSLESS = {"PNG", "GIF"}


class MediaError(ValueError):
    """A file a reader sent that chenbao will not keep (message in Chinese, for the reader)."""


@dataclass(frozen=True)
class CleanFile:
    kind: str  # "image" or "video"
    ext: str  # ".jpg", ".png", ".mp4", ".webm"
    content_type: str
    data: bytes


def sniff_video(head: bytes) -> tuple[str, str] | None:
    """Return (ext, content type) when `head` starts a video container we accept."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand == b"qt  ":
            return ".mov", "video/quicktime"
        if brand.startswith(b"3g"):
            return ".3gp", "video/3gpp"
        return ".mp4", "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return ".webm", "video/webm"
    return None


def clean(data: bytes) -> CleanFile:
    """Return the file ready to store, or raise MediaError if it is no photo or video."""
    video = sniff_video(data[:16])
    if video:
        return CleanFile("video", video[0], video[1], data)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format or ""
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise MediaError("图片尺寸过大，请压缩后再上传。")
            probe.verify()
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            img = ImageOps.exif_transpose(opened)  # keep the picture upright once EXIF is gone
            out = io.BytesIO()
            if fmt in _LOSSLESS:
                if img.mode not in {"RGB", "RGBA", "L", "LA", "P"}:
                    img = img.convert("RGBA")
                img.save(out, format="PNG", optimize=False)
                return CleanFile("image", ".png", "image/png", out.getvalue())
            if fmt not in _JPEG_LIKE:
                raise MediaError("不支持这种图片格式，请上传 JPG、PNG 或手机照片。")
            if img.mode != "RGB":
                img = img.convert("RGB")
            img.save(out, format="JPEG", quality=90)
            return CleanFile("image", ".jpg", "image/jpeg", out.getvalue())
    except MediaError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as exc:
        raise MediaError("只能上传照片或视频（文件内容无法识别）。") from exc
