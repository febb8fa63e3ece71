"""Reader pages: the form, the receipt shown once, the chat opened with the receipt."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from chenbao.tips.models import Tip, TipFile
from chenbao.tips.services import tip_reply

pytestmark = pytest.mark.django_db
TEXT = "东风路与柳泉路交叉口今早两车相撞，一人受伤，交警已在现场处置。"


@pytest.fixture
def client():
    return Client(enforce_csrf_checks=True)


def post_form(client, url, data, files=()):
    page = client.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    payload = {"csrfmiddlewaretoken": token, **data}
    if files:
        payload["files"] = list(files)
    return client.post(url, payload)


def receipt_of(response) -> str:
    return re.search(r'id="receipt">([\d ]+)<', response.content.decode())[1].replace(" ", "")


def test_tip_pages_send_the_privacy_headers(client):
    for url in ["/baoliao/", "/baoliao/chat/", "/baoliao/privacy/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert response["Cache-Control"] == "no-store"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"  # never sent to other sites


def test_submit_with_photo_shows_receipt_once_then_chat_shows_desk_reply(client, photo, desk):
    upload = SimpleUploadedFile("../../x.jpg", photo, content_type="image/jpeg")
    response = post_form(
        client, "/baoliao/", {"text": TEXT, "contact_phone": "13905331234"}, [upload]
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "只显示这一次" in html and "beforeunload" not in html  # no leave-site dialog
    assert 'id="copy-receipt"' in html and 'id="save-receipt"' in html
    assert "我已保存，去查看回复" in html and 'type="checkbox"' not in html
    code = receipt_of(response)
    tip = Tip.objects.get()
    stored = TipFile.objects.get(tip=tip)
    assert ".." not in stored.name and "x.jpg" not in stored.name
    tip_reply(user=desk, tip=tip, text="您好，记者已在路上，请问还有照片吗？")
    chat = post_form(client, "/baoliao/chat/", {"receipt": code})
    assert chat.status_code == 200
    assert "记者已在路上" in chat.content.decode()
    reply = post_form(
        client, "/baoliao/chat/", {"receipt": code, "action": "reply", "text": "有的"}
    )
    assert "已发送" in reply.content.decode()
    assert tip.messages.filter(sender="tipster", text="有的").exists()


def test_honeypot_gets_403_and_nothing_is_stored(client):
    response = post_form(client, "/baoliao/", {"text": TEXT, "website": "http://spam.example"})
    assert response.status_code == 403
    assert Tip.objects.count() == 0


def test_over_long_text_is_refused_with_a_clear_message(client):
    response = post_form(client, "/baoliao/", {"text": "长" * 5001})
    assert response.status_code == 400
    assert "最多 5000 个字" in response.content.decode()
    assert Tip.objects.count() == 0


def test_csrf_is_required(client):
    assert client.post("/baoliao/", {"text": TEXT}).status_code == 403


def test_wrong_receipts_are_throttled(client, submit):
    submit()
    statuses = [
        post_form(client, "/baoliao/chat/", {"receipt": "1" * 16}).status_code for _ in range(6)
    ]
    assert statuses == [403] * 5 + [429]


def test_submissions_are_rate_limited_per_client(client, settings):
    settings.CHENBAO = {**settings.CHENBAO, "TIP_RATE_LIMIT": "2/60"}
    codes = [post_form(client, "/baoliao/", {"text": TEXT}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert Tip.objects.count() == 2
