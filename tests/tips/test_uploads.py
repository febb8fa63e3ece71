"""Readers' files through the tip-line's pages and API: what is stored is clean, bombs and
fakes are refused in Chinese, and bytes are capped per tip and per client and day."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from chenbao.tips.models import Tip, TipFile
from tests.tips import mediafiles

pytestmark = pytest.mark.django_db
TEXT = "华光路万象汇地下车库大面积积水，好多车被淹，物业没人管。"
FTYP = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"  # what the old check looked at


def upload(data: bytes, name: str = "a.jpg", ctype: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=ctype)


def post(client, *files, text=TEXT):
    """Send a tip with files through the reader's form (Django's test client skips CSRF)."""
    return client.post("/baoliao/", {"text": text, "files": list(files)})


def error_of(response) -> str:
    return response.context.get("error", "")


def stored_bytes() -> list[bytes]:
    root = Path(settings.CHENBAO["TIP_FILES_ROOT"])
    return [(root / f.name).read_bytes() for f in TipFile.objects.order_by("pk")]


@pytest.mark.parametrize("name", list(mediafiles.PHOTOS))
def test_every_photo_format_is_stored_without_planted_data(name):
    """Issue 13, items 1 and 2, end to end: grep the stored bytes."""
    response = post(Client(), upload(mediafiles.PHOTOS[name](), f"IMG.{name}"))
    assert response.status_code == 200, error_of(response)
    (stored,) = stored_bytes()
    assert TipFile.objects.get().kind == "image"
    for planted in mediafiles.PLANTED:
        assert planted not in stored


def test_a_video_is_stored_remuxed_without_its_metadata(tmp_path):
    """Issue 13, item 4: docs said videos were kept as sent, GPS and all."""
    video = mediafiles.with_phone_boxes(mediafiles.ffmpeg_video(tmp_path, "mov"))
    response = post(Client(), upload(video, "IMG_0001.MOV", "video/quicktime"))
    assert response.status_code == 200, error_of(response)
    stored_file = TipFile.objects.get()
    assert (stored_file.kind, stored_file.content_type) == ("video", "video/quicktime")
    assert stored_file.name.endswith(".mov")
    (stored,) = stored_bytes()
    for planted in (*mediafiles.PLANTED, b"\xa9xyz", b"+36.8000+118.0500"):
        assert planted not in stored


@pytest.mark.parametrize(
    "data,name",
    [
        (FTYP + b"<!DOCTYPE html><script>alert(1)</script>", "clip.mp4"),
        (FTYP + b"\x00" * 200_000, "clip.mp4"),  # the attack's 20 MB of zeros, shorter
        (b"\x1a\x45\xdf\xa3<script>alert(1)</script>", "clip.webm"),
        (b"<!DOCTYPE html><script>alert(1)</script>", "clip.mp4"),
    ],
    ids=["html-behind-ftyp", "zeros-behind-ftyp", "script-behind-ebml-magic", "html"],
)
def test_fake_videos_are_refused_and_nothing_is_stored(data, name):
    response = post(Client(), upload(data, name, "video/mp4"))
    assert response.status_code == 400
    assert "第 1 个文件：" in error_of(response)
    assert Tip.objects.count() == 0 and TipFile.objects.count() == 0


def test_nine_bombs_in_one_request_are_refused_from_their_headers():
    """Issue 13, item 3: nine 7 KB PNGs of 7700×7700 in one 64 KB request took 11.9 s."""
    bomb = mediafiles.bilevel_png(7700, 7700)
    response = post(Client(), *[upload(bomb, f"{n}.png", "image/png") for n in range(9)])
    assert response.status_code == 400
    assert error_of(response) == (
        "第 1 个文件：图片尺寸过大（最多 50 百万像素），请用手机原图或压缩后再上传。"
    )
    assert Tip.objects.count() == 0


def test_the_photos_of_one_request_share_a_pixel_budget(settings):
    settings.CHENBAO = {**settings.CHENBAO, "TIP_MAX_REQUEST_PIXELS": 60_000_000}
    two = [upload(mediafiles.bilevel_png(6000, 6000), f"{n}.png", "image/png") for n in range(2)]
    response = post(Client(), *two)
    assert response.status_code == 400
    assert "总像素太多（最多 60 百万像素）" in error_of(response)


def test_bytes_per_tip_are_capped_across_its_messages(settings, photo):
    settings.CHENBAO = {**settings.CHENBAO, "TIP_MAX_TIP_BYTES": 6 * len(photo)}
    client = Client()
    created = post(client, *[upload(photo, f"{n}.jpg") for n in range(4)])
    receipt = re.search(r'id="receipt">([\d ]+)<', created.content.decode())[1]

    def reply(count):
        files = [upload(photo, f"m{n}.jpg") for n in range(count)]
        data = {"receipt": receipt, "action": "reply", "text": "再补几张", "files": files}
        return client.post("/baoliao/chat/", data)

    more = reply(3)
    assert more.status_code == 400
    assert "一条爆料的文件总共不能超过" in error_of(more)
    assert reply(1).status_code == 200
    assert TipFile.objects.count() == 5


def test_bytes_per_client_and_day_are_capped(settings, photo):
    settings.CHENBAO = {**settings.CHENBAO, "TIP_CLIENT_DAILY_BYTES": 5 * len(photo)}
    client, other = Client(REMOTE_ADDR="203.0.113.20"), Client(REMOTE_ADDR="203.0.113.21")
    three = [upload(photo, f"{n}.jpg") for n in range(3)]
    assert post(client, *three).status_code == 200
    again = post(client, *[upload(photo, f"{n}.jpg") for n in range(3)])
    assert again.status_code == 400
    assert "24 小时内上传的文件已超过" in error_of(again)
    assert post(other, *[upload(photo, f"{n}.jpg") for n in range(3)]).status_code == 200
    assert post(client, text=TEXT + "（不带文件）").status_code == 200  # text still goes through


def test_the_api_refuses_a_bomb_in_chinese_json():
    bomb = upload(mediafiles.bilevel_png(7700, 7700), "x.png", "image/png")
    response = Client().post("/api/v1/tips", {"text": TEXT, "files": [bomb]})
    assert response.status_code == 400
    assert "图片尺寸过大" in response.json()["error"]
