"""Privacy as tests: nothing personal in the database in clear, in logs, or kept too long."""

import io
import logging
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from chenbao.tips.models import Tip, TipContact, TipFile
from chenbao.tips.services import tip_reply
from tests.rawdb import all_rows_as_text

pytestmark = pytest.mark.django_db
PHONE = "13905339876"
WECHAT = "wx_secret_tipster"
TEXT = "化工厂夜里偷排废水到孝妇河，味道刺鼻，附近居民不敢开窗。"


def test_raw_database_holds_no_phone_number_or_wechat_id():
    client = Client()
    response = client.post(
        "/baoliao/", {"text": TEXT, "contact_phone": PHONE, "contact_wechat": WECHAT}
    )
    assert response.status_code == 200
    assert TipContact.objects.count() == 1
    dump = all_rows_as_text()
    assert TEXT in dump  # the dump does see the tables
    assert PHONE not in dump and WECHAT not in dump
    assert "REMOTE_ADDR" not in dump and "127.0.0.1" not in dump


def test_a_full_submission_at_debug_level_logs_nothing_personal(desk, photo):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        client = Client()
        upload = SimpleUploadedFile("孝妇河.jpg", photo, content_type="image/jpeg")
        response = client.post(
            "/baoliao/",
            {"text": TEXT, "contact_phone": PHONE, "contact_wechat": WECHAT, "files": [upload]},
        )
        code = re.search(r'id="receipt">([\d ]+)<', response.content.decode())[1]
        tip = Tip.objects.get()
        tip_reply(user=desk, tip=tip, text="请问具体在哪一段河道？")
        client.post("/baoliao/chat/", {"receipt": code, "action": "reply", "text": "在桥下"})
        client.post("/baoliao/", {"text": "长" * 6000, "contact_phone": PHONE})  # refused
        client.post("/api/v1/tips", {"text": TEXT, "contact_wechat": WECHAT, "website": ""})
        client.get("/api/v1/tips/current", HTTP_AUTHORIZATION=f"Receipt {code}")
        client.get("/api/v1/tips/current", HTTP_AUTHORIZATION="Receipt 0000000000000000")
        desk_client = Client()
        desk_client.force_login(desk)
        desk_client.post(f"/admin/tips/{tip.pk}/act/", {"action": "reveal"})
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    logged = stream.getvalue()
    assert logged  # DEBUG logging really was on
    for secret in (PHONE, WECHAT, TEXT, "孝妇河", "在桥下", code.replace(" ", "")):
        assert secret not in logged


def test_a_dangerous_file_name_never_reaches_the_disk(photo):
    root = Path(settings.CHENBAO["TIP_FILES_ROOT"]).resolve()
    escapes = [root.parent / "x", root.parent.parent / "x"]
    before = {p: p.stat().st_mtime_ns if p.exists() else None for p in escapes}
    client = Client()
    upload = SimpleUploadedFile("../../x", photo, content_type="image/jpeg")
    assert client.post("/baoliao/", {"text": TEXT, "files": [upload]}).status_code == 200
    stored = TipFile.objects.get()
    path = (root / stored.name).resolve()
    assert path.is_file() and root in path.parents
    assert re.fullmatch(r"\d{4}/\d{2}/[0-9a-f]{32}\.jpg", stored.name)
    assert {p: p.stat().st_mtime_ns if p.exists() else None for p in escapes} == before


def test_stored_photo_has_no_exif(photo):
    from PIL import Image

    Client().post(
        "/baoliao/", {"text": TEXT, "files": [SimpleUploadedFile("p.jpg", photo, "image/jpeg")]}
    )
    path = Path(settings.CHENBAO["TIP_FILES_ROOT"]) / TipFile.objects.get().name
    data = path.read_bytes()
    assert b"SecretCam" not in data
    with Image.open(path) as img:
        assert not img.getexif() and 0x8825 not in img.getexif()
