"""Photos are checked by content and lose their EXIF/GPS; videos are recognised by magic bytes."""

import io

import pytest
from PIL import Image

from chenbao.tips.media import MediaError, clean


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


def test_mp4_is_recognised_by_its_header():
    head = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
    assert clean(head).ext == ".mp4"
