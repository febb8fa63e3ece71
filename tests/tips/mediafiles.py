"""Photos and videos carrying planted personal data, built in code for the media tests.

Every builder plants the strings of PLANTED (a phone number, a camera, a GPS note) in every
place its format keeps metadata: EXIF (with a GPS IFD and a MakerNote), XMP, an ICC
profile, comments and text chunks; videos in titles, comments, locations, `uuid` boxes,
subtitle tracks and Matroska tags.
"""

import io
import shutil
import struct
import subprocess
from pathlib import Path

from PIL import Image, ImageCms, PngImagePlugin
from pillow_heif import register_heif_opener

register_heif_opener()

PHONE = b"tel=13800001111"
CAMERA = b"SecretCam"
GPS_NOTE = b"GPS-36.80N-118.05E"
PLANTED = (PHONE, CAMERA, GPS_NOTE)
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:description="'
    + PHONE
    + b" "
    + GPS_NOTE
    + b'"/></rdf:RDF></x:xmpmeta>'
)
COMMENT = PHONE + b" " + GPS_NOTE


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    """EXIF with a camera make, a GPS position and note, a MakerNote and an orientation."""
    exif = Image.Exif()
    exif[0x010F] = CAMERA.decode()  # Make
    exif[0x0112] = orientation
    exif[0x8825] = {  # GPS IFD
        1: "N",
        2: (36.0, 48.0, 0.0),
        3: "E",
        4: (118.0, 3.0, 0.0),
        0x1B: b"ASCII\0\0\0" + GPS_NOTE,  # GPSProcessingMethod
    }
    exif[0x8769] = {0x927C: b"MakerNote " + PHONE}  # Exif IFD: MakerNote
    return exif


def icc_with_note() -> bytes:
    """An sRGB ICC profile with PHONE appended inside its declared size."""
    icc = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    icc += PHONE + b"\0" * (4 - len(PHONE) % 4)
    icc[0:4] = struct.pack(">I", len(icc))
    return bytes(icc)


def picture(size=(64, 48), mode="RGB") -> Image.Image:
    img = Image.new(mode, size, (200, 30, 30) if mode == "RGB" else 128)
    img.putpixel((0, 0), (0, 0, 255) if mode == "RGB" else 0)  # a mark to check orientation
    return img


def jpeg(**extra) -> bytes:
    out = io.BytesIO()
    picture().save(
        out,
        format="JPEG",
        exif=exif_with_gps(),
        comment=COMMENT,
        icc_profile=icc_with_note(),
        xmp=XMP,
        **extra,
    )
    return out.getvalue()


def mpo() -> bytes:
    out = io.BytesIO()
    first, second = picture(), picture()
    first.save(
        out,
        format="MPO",
        save_all=True,
        append_images=[second],
        exif=exif_with_gps(),
        comment=COMMENT,
        icc_profile=icc_with_note(),
    )
    return out.getvalue()


def png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", COMMENT.decode())
    info.add_text("Location", GPS_NOTE.decode(), zip=True)  # zTXt
    info.add_itxt("Description", PHONE.decode(), lang="zh", tkey="说明")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    picture().save(
        out, format="PNG", pnginfo=info, exif=exif_with_gps(), icc_profile=icc_with_note()
    )
    return out.getvalue()


def webp() -> bytes:
    out = io.BytesIO()
    picture().save(
        out, format="WEBP", exif=exif_with_gps(), xmp=XMP, icc_profile=icc_with_note(), quality=90
    )
    return out.getvalue()


def gif() -> bytes:
    out = io.BytesIO()
    picture().convert("P").save(out, format="GIF", comment=COMMENT)
    return out.getvalue()


def heic() -> bytes:
    """An iPhone-style HEIC: EXIF with GPS, XMP (pillow-heif writes both)."""
    out = io.BytesIO()
    picture().save(out, format="HEIF", exif=exif_with_gps(), xmp=XMP, quality=90)
    return out.getvalue()


def avif() -> bytes:
    out = io.BytesIO()
    picture().save(out, format="AVIF", exif=exif_with_gps(), xmp=XMP, quality=90)
    return out.getvalue()


PHOTOS = {
    "jpeg": jpeg,
    "mpo": mpo,
    "png": png,
    "webp": webp,
    "gif": gif,
    "heic": heic,
    "avif": avif,
}


def bilevel_png(width: int, height: int) -> bytes:
    """A 1-bit PNG: kilobytes on disk, width × height pixels once decoded."""
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, format="PNG")
    return out.getvalue()


# --- videos (made with Debian's ffmpeg) ---
FFMPEG = shutil.which("ffmpeg") or "ffmpeg"


def ffmpeg_video(tmp: Path, container: str, *, subtitles: bool = False) -> bytes:
    """A one-second test video with tags naming PHONE and GPS_NOTE, and a location."""
    ext = {"mp4": "mp4", "mov": "mov", "webm": "webm", "matroska": "mkv"}[container]
    target = tmp / f"planted.{ext}"
    codecs = (
        ["-c:v", "libvpx", "-c:a", "libopus"]
        if container == "webm"
        else ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac"]
    )
    sub_in, sub_map = [], []
    if subtitles:
        srt = tmp / "planted.srt"
        srt.write_text(f"1\n00:00:00,000 --> 00:00:01,000\n{PHONE.decode()}\n", encoding="utf-8")
        sub_in = ["-i", str(srt)]
        sub_codec = {"mp4": "mov_text", "mov": "mov_text", "webm": "webvtt"}.get(container, "srt")
        sub_map = ["-map", "2:0", "-c:s", sub_codec]
    command = [
        FFMPEG,
        *("-v", "error", "-y"),
        *("-f", "lavfi", "-i", "testsrc=size=96x64:rate=10"),
        *("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"),
        *sub_in,
        *("-t", "1", "-map", "0:0", "-map", "1:0", *sub_map, *codecs),
        *("-metadata", f"title={PHONE.decode()}"),
        *("-metadata", f"comment={GPS_NOTE.decode()}"),
        *("-metadata", "location=+36.8000+118.0500/"),
        *("-metadata", f"make={CAMERA.decode()}"),
        *("-metadata:s:v", f"handler_name={CAMERA.decode()}"),
        *(("-movflags", "use_metadata_tags") if container in {"mp4", "mov"} else ()),
        str(target),
    ]
    subprocess.run(command, check=True, capture_output=True)
    return target.read_bytes()


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def with_phone_boxes(mp4: bytes) -> bytes:
    """Add what phones add: `udta/©xyz` (GPS) and Apple's `meta` location inside `moov`,
    and an XMP `uuid` box at the top level. ffmpeg writes `moov` after `mdat`, so growing
    `moov` moves no sample."""
    pos, out = 0, b""
    while pos < len(mp4):
        size, kind = struct.unpack(">I4s", mp4[pos : pos + 8])
        chunk = mp4[pos : pos + size]
        if kind == b"moov":
            xyz = box(b"\xa9xyz", struct.pack(">HH", 18, 0) + b"+36.8000+118.0500/")
            keys = box(
                b"keys",
                b"\0\0\0\0"
                + struct.pack(">I", 1)
                + box(b"mdta", b"com.apple.quicktime.location.ISO6709"),
            )
            ilst = box(
                b"ilst",
                box(b"\0\0\0\x01", box(b"data", b"\0\0\0\x01\0\0\0\0" + GPS_NOTE)),
            )
            meta = box(
                b"meta", b"\0\0\0\0" + box(b"hdlr", b"\0" * 8 + b"mdta" + b"\0" * 13) + keys + ilst
            )
            chunk = box(b"moov", chunk[8:] + box(b"udta", xyz) + meta)
        out += chunk
        pos += size
    uuid = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")  # XMP's uuid box
    return out + box(b"uuid", uuid + XMP)


def jpeg_of_size(width: int, height: int) -> bytes:
    """A plain JPEG of width × height (noise-free, so small on disk, large once decoded)."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), (90, 140, 200)).save(out, format="JPEG", quality=50)
    return out.getvalue()
