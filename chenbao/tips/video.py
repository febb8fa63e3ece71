"""Readers' videos: the container's structure checked, then remuxed without metadata.

Pure: the standard library and Debian's ffmpeg, no Django. A file is a video only when its
container parses: an ISO base media file (MP4, MOV, 3GP) whose boxes tile the file, with
one `moov` holding a movie header and a video track, and media data; or an EBML document
of type `webm`/`matroska` with a segment holding tracks (a video track among them) and
clusters. An HEIF/AVIF photo is also an ISO base media file, with a `meta` box and no
`moov`: `iso_kind` tells the two apart, so a photo is never kept as a video.

`strip` remuxes with ffmpeg (`-c copy`: no re-encoding, the picture is unchanged), keeping
only the video and audio streams and writing no metadata: GPS (`©xyz` in `udta`, Apple's
`com.apple.quicktime.location.ISO6709` in `meta`), titles, dates, device names, XMP `uuid`
boxes, timed metadata tracks, cover art, Matroska tags, attachments and chapters are gone.
"""

import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class VideoRefused(ValueError):
    """Not a video we keep; the message is Chinese, for the reader."""


NOT_A_VIDEO = "视频文件已损坏或格式不支持，请上传手机拍摄的 MP4、MOV 或 WebM 视频。"
CANNOT_PROCESS = "视频无法处理，请换一个文件或用手机重新导出后再上传。"
NO_FFMPEG = "暂时无法接收视频，请只上传照片，或拨打新闻热线。"


@dataclass(frozen=True)
class Box:
    type: bytes
    start: int  # offset of the box's header
    body: int  # offset of its payload
    end: int


@dataclass(frozen=True)
class VideoProbe:
    container: str  # ffmpeg's muxer name: "mp4", "mov", "3gp", "webm", "matroska"
    ext: str
    content_type: str


_CONTAINERS = {
    "mp4": (".mp4", "video/mp4"),
    "mov": (".mov", "video/quicktime"),
    "3gp": (".3gp", "video/3gpp"),
    "webm": (".webm", "video/webm"),
    "matroska": (".mkv", "video/x-matroska"),
}
# Brands of HEIF/AVIF still images and image sequences (ISO/IEC 23008-12, AV1 image format).
IMAGE_BRANDS = {
    b"mif1",
    b"mif2",
    b"msf1",
    b"heic",
    b"heix",
    b"heim",
    b"heis",
    b"hevc",
    b"hevx",
    b"hevm",
    b"hevs",
    b"avif",
    b"avis",
    b"avio",
}
_CONTAINER_BOXES = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf", b"mvex"}


def _printable(kind: bytes) -> bool:
    return all(0x20 <= c <= 0x7E or c == 0xA9 for c in kind)  # 0xA9: "©" in QuickTime names


def boxes(data: bytes, start: int = 0, end: int | None = None) -> list[Box]:
    """Return the boxes between `start` and `end`; raise VideoRefused unless they tile it."""
    end = len(data) if end is None else end
    found, pos = [], start
    while pos < end:
        if end - pos < 8:
            raise VideoRefused(NOT_A_VIDEO)
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        header = 8
        if size == 1:
            if end - pos < 16:
                raise VideoRefused(NOT_A_VIDEO)
            (size,) = struct.unpack(">Q", data[pos + 8 : pos + 16])
            header = 16
        elif size == 0:  # the last box runs to the end
            size = end - pos
        if size < header or pos + size > end or not _printable(kind):
            raise VideoRefused(NOT_A_VIDEO)
        found.append(Box(kind, pos, pos + header, pos + size))
        pos += size
    return found


def brands(data: bytes) -> set[bytes]:
    """Return the major and compatible brands of an ISO file's `ftyp` box (empty if none)."""
    if len(data) < 16 or data[4:8] != b"ftyp":
        return set()
    (size,) = struct.unpack(">I", data[:4])
    body = data[8 : min(size, len(data))]
    return {body[:4]} | {body[i : i + 4] for i in range(8, len(body) - 3, 4)}


def iso_kind(data: bytes) -> str | None:
    """Return "image" (HEIF/AVIF), "video" or None for an ISO base media file, from its boxes.

    Only the top-level boxes are read: "video" still needs `probe_iso` to accept it.
    """
    if data[4:8] != b"ftyp":
        return None
    try:
        kinds = [box.type for box in boxes(data)]
    except VideoRefused:
        return None
    if b"moov" in kinds:
        return "video"
    if b"meta" in kinds and brands(data) & IMAGE_BRANDS:
        return "image"
    return None


def probe_iso(data: bytes) -> VideoProbe:
    """Check an MP4/MOV/3GP container's structure; return how to remux it."""
    top = boxes(data)
    kinds = [box.type for box in top]
    if not top or top[0].type != b"ftyp" or kinds.count(b"moov") != 1:
        raise VideoRefused(NOT_A_VIDEO)
    if not any(box.type == b"mdat" and box.end > box.body for box in top):
        raise VideoRefused(NOT_A_VIDEO)
    moov = top[kinds.index(b"moov")]
    children = _tree(data, moov, depth=0)
    if b"mvhd" not in [c.type for c in boxes(data, moov.body, moov.end)]:
        raise VideoRefused(NOT_A_VIDEO)
    if b"vide" not in _handlers(data, children):
        raise VideoRefused(NOT_A_VIDEO)
    major = data[8:12]
    container = "mov" if major == b"qt  " else "3gp" if major.startswith(b"3g") else "mp4"
    return VideoProbe(container, *_CONTAINERS[container])


def _tree(data: bytes, parent: Box, depth: int) -> list[Box]:
    """Return every box under `parent`, checking that the container boxes tile their parent."""
    if depth > 8:
        raise VideoRefused(NOT_A_VIDEO)
    found = []
    for child in boxes(data, parent.body, parent.end):
        found.append(child)
        if child.type in _CONTAINER_BOXES:
            found.extend(_tree(data, child, depth + 1))
    return found


def _handlers(data: bytes, tree: list[Box]) -> set[bytes]:
    """Return the handler types (`vide`, `soun`...) of the `hdlr` boxes of the tracks."""
    return {
        data[b.body + 8 : b.body + 12] for b in tree if b.type == b"hdlr" and b.end - b.body >= 12
    }


# --- EBML (WebM, Matroska) ---
_EBML, _DOCTYPE, _SEGMENT = 0x1A45DFA3, 0x4282, 0x18538067
_INFO, _TRACKS, _CLUSTER, _TRACK_ENTRY, _TRACK_TYPE = (
    0x1549A966,
    0x1654AE6B,
    0x1F43B675,
    0xAE,
    0x83,
)
_UNKNOWN = -1


def _vint(data: bytes, pos: int, *, keep_marker: bool) -> tuple[int, int]:
    """Return (value, length) of the EBML variable-size integer at `pos`."""
    if pos >= len(data) or data[pos] == 0:
        raise VideoRefused(NOT_A_VIDEO)
    first = data[pos]
    length = 9 - first.bit_length()
    if pos + length > len(data):
        raise VideoRefused(NOT_A_VIDEO)
    value = int.from_bytes(data[pos : pos + length], "big")
    if keep_marker:
        return value, length
    value &= (1 << (7 * length)) - 1
    if value == (1 << (7 * length)) - 1:
        return _UNKNOWN, length
    return value, length


def _elements(data: bytes, start: int, end: int):
    """Yield (id, body start, body end or -1 when of unknown size) of the elements in a range."""
    pos = start
    while pos < end:
        ident, id_len = _vint(data, pos, keep_marker=True)
        size, size_len = _vint(data, pos + id_len, keep_marker=False)
        body = pos + id_len + size_len
        if size == _UNKNOWN:
            yield ident, body, _UNKNOWN
            return
        if body + size > end:
            raise VideoRefused(NOT_A_VIDEO)
        yield ident, body, body + size
        pos = body + size


def probe_ebml(data: bytes) -> VideoProbe:
    """Check a WebM/Matroska document's header, segment, tracks and clusters."""
    top = _elements(data, 0, len(data))
    ident, body, end = next(top, (0, 0, 0))
    if ident != _EBML or end == _UNKNOWN:
        raise VideoRefused(NOT_A_VIDEO)
    doctype = b""
    for child, cbody, cend in _elements(data, body, end):
        if child == _DOCTYPE and cend != _UNKNOWN:
            doctype = data[cbody:cend].rstrip(b"\0")
    if doctype not in {b"webm", b"matroska"}:
        raise VideoRefused(NOT_A_VIDEO)
    ident, seg_body, seg_end = next(top, (0, 0, 0))
    if ident != _SEGMENT:
        raise VideoRefused(NOT_A_VIDEO)
    seen: set[int] = set()
    has_video = False
    limit = len(data) if seg_end == _UNKNOWN else seg_end
    for child, cbody, cend in _elements(data, seg_body, limit):
        seen.add(child)
        if child == _TRACKS and cend != _UNKNOWN:
            has_video = _has_video_track(data, cbody, cend)
        if child == _CLUSTER:
            break  # clusters follow; ffmpeg reads them
    if not (_TRACKS in seen and _CLUSTER in seen and has_video):
        raise VideoRefused(NOT_A_VIDEO)
    container = "webm" if doctype == b"webm" else "matroska"
    return VideoProbe(container, *_CONTAINERS[container])


def _has_video_track(data: bytes, start: int, end: int) -> bool:
    for ident, body, stop in _elements(data, start, end):
        if ident == _TRACK_ENTRY and stop != _UNKNOWN:
            for field, fbody, fend in _elements(data, body, stop):
                if field == _TRACK_TYPE and fend != _UNKNOWN and data[fbody:fend] == b"\x01":
                    return True
    return False


def probe(data: bytes) -> VideoProbe:
    """Return how to remux the video in `data`, or raise VideoRefused."""
    if data[4:8] == b"ftyp":
        return probe_iso(data)
    if data[:4] == b"\x1a\x45\xdf\xa3":
        return probe_ebml(data)
    raise VideoRefused(NOT_A_VIDEO)


def ffmpeg() -> str | None:
    """Return the path of Debian's ffmpeg, or None when it is not installed."""
    return shutil.which("ffmpeg")


def strip(data: bytes, video: VideoProbe, *, timeout: float) -> bytes:
    """Return the video remuxed with ffmpeg: its video and audio streams, no metadata."""
    binary = ffmpeg()
    if binary is None:
        raise VideoRefused(NO_FFMPEG)
    with tempfile.TemporaryDirectory(prefix="chenbao-video-") as tmp:
        source, target = Path(tmp) / "in", Path(tmp) / f"out{video.ext}"
        source.write_bytes(data)
        command = [
            binary,
            *("-nostdin", "-hide_banner", "-loglevel", "error"),
            *("-i", str(source)),
            *("-map", "0:V", "-map", "0:a?"),  # video (not cover art) and audio; no data tracks
            *("-c", "copy", "-map_metadata", "-1", "-map_chapters", "-1"),
            *("-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact"),
            *(("-movflags", "+faststart") if video.container in {"mp4", "mov", "3gp"} else ()),
            *("-f", video.container, str(target)),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=True)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            raise VideoRefused(CANNOT_PROCESS) from exc
        out = target.read_bytes()
    if not out:
        raise VideoRefused(CANNOT_PROCESS)
    return out
