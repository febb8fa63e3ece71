"""Readers' photos and videos, checked by their content and cleaned before storage.

Pure: no Django. A request's files are first *probed* — photo headers read for format and
size, video containers walked box by box — and only when every file passes and the photos'
pixels fit the per-image and per-request caps is anything decoded: a decompression bomb
costs a header read. Photos are then re-encoded from their pixels alone (imaging.py), videos
remuxed without metadata (video.py). The file name a reader sent is never used.

Run through `sandbox.clean_in_worker` to put the decoding under a time and memory budget.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from chenbao.tips import imaging, video


class MediaError(ValueError):
    """A file a reader sent that chenbao will not keep (message in Chinese, for the reader)."""


@dataclass(frozen=True)
class CleanFile:
    kind: str  # "image" or "video"
    ext: str  # ".jpg", ".png", ".mp4", ".mov", ".3gp", ".webm", ".mkv"
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Limits:
    image_pixels: int = 50_000_000  # one photo (a 48-megapixel phone camera fits)
    request_pixels: int = 150_000_000  # all the photos of one request together
    video_seconds: float = 60.0  # wall time for ffmpeg to remux one video


DEFAULT_LIMITS = Limits()
_EBML_MAGIC = b"\x1a\x45\xdf\xa3"


def kind_of(data: bytes) -> str:
    """Return "video" or "image": which parser is to judge `data` (it may still refuse)."""
    if data[:4] == _EBML_MAGIC:
        return "video"
    if data[4:8] == b"ftyp":
        found = video.iso_kind(data)
        if found:
            return found
        return "image" if video.brands(data) & video.IMAGE_BRANDS else "video"
    return "image"


def _probe(data: bytes, limits: Limits) -> imaging.ImageProbe | video.VideoProbe:
    if kind_of(data) == "video":
        return video.probe(data)
    found = imaging.probe(data)
    if found.pixels > limits.image_pixels:
        raise imaging.ImageRefused(imaging.too_many_pixels(limits.image_pixels))
    return found


def probe_all(
    datas: Sequence[bytes], limits: Limits
) -> list[imaging.ImageProbe | video.VideoProbe]:
    """Check every file's header or container, and the request's pixel total; decode nothing."""
    found = []
    for n, data in enumerate(datas, start=1):
        try:
            found.append(_probe(data, limits))
        except (imaging.ImageRefused, video.VideoRefused) as exc:
            raise MediaError(f"第 {n} 个文件：{exc}") from exc
    pixels = sum(p.pixels for p in found if isinstance(p, imaging.ImageProbe))
    if pixels > limits.request_pixels:
        raise MediaError(
            f"这次上传的照片总像素太多（最多 {limits.request_pixels // 1_000_000} 百万像素），"
            "请分几次发送。"
        )
    return found


def clean_all(datas: Sequence[bytes], limits: Limits = DEFAULT_LIMITS) -> list[CleanFile]:
    """Return the files ready to store, or raise MediaError naming the first one refused."""
    probes = probe_all(datas, limits)
    cleaned = []
    for n, (data, found) in enumerate(zip(datas, probes, strict=True), start=1):
        try:
            if isinstance(found, video.VideoProbe):
                stripped = video.strip(data, found, timeout=limits.video_seconds)
                cleaned.append(CleanFile("video", found.ext, found.content_type, stripped))
            else:
                photo = imaging.reencode(data)
                cleaned.append(CleanFile("image", photo.ext, photo.content_type, photo.data))
        except (imaging.ImageRefused, video.VideoRefused) as exc:
            raise MediaError(f"第 {n} 个文件：{exc}") from exc
    return cleaned


def clean(data: bytes, limits: Limits = DEFAULT_LIMITS) -> CleanFile:
    """Return one file ready to store, or raise MediaError."""
    return clean_all([data], limits)[0]
