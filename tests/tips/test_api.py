"""The JSON API: submit, read with the receipt, reply; the OpenAPI document; schemathesis."""

import json

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hsettings

from chenbao.tips.models import Tip
from chenbao.tips.services import tip_reply

TEXT = "华光路万象汇地下车库大面积积水，好多车被淹，物业没人管。"


@pytest.fixture
def api():
    return Client()


def create(api, **data):
    return api.post(
        "/api/v1/tips", json.dumps({"text": TEXT, **data}), content_type="application/json"
    )


@pytest.mark.django_db
def test_create_read_and_reply_with_the_receipt(api, desk, photo):
    response = create(api, contact_phone="13905331234")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "new" and len(body["receipt"]) == 16 and body["receipt"].isdigit()
    assert response["Cache-Control"] == "no-store"
    auth = {"HTTP_AUTHORIZATION": f"Receipt {body['receipt']}"}
    tip_reply(user=desk, tip=Tip.objects.get(), text="收到，谢谢")
    state = api.get("/api/v1/tips/current", **auth).json()
    assert state["status"] == "triaged" and state["reward"] is None  # the reply moved it on
    assert [(m["from"], m["text"]) for m in state["messages"]] == [("desk", "收到，谢谢")]
    posted = api.post(
        "/api/v1/tips/current/messages", {"text": "补充一张照片", "files": [_file(photo)]}, **auth
    )
    assert posted.status_code == 201
    assert posted.json()["files"] == 1 and posted.json()["messages"][-1]["from"] == "tipster"


def _file(data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("a.jpg", data, content_type="image/jpeg")


@pytest.mark.django_db
def test_multipart_submission_with_a_photo(api, photo):
    response = api.post("/api/v1/tips", {"text": TEXT, "files": [_file(photo)]})
    assert response.status_code == 201
    assert Tip.objects.get().files.count() == 1


@pytest.mark.django_db
def test_wrong_receipt_answers_alike_whether_or_not_a_tip_exists(api):
    missing = api.get("/api/v1/tips/current", HTTP_AUTHORIZATION="Receipt 1234567890123456")
    create(api)
    wrong = api.get("/api/v1/tips/current", HTTP_AUTHORIZATION="Receipt 1234567890123456")
    assert (
        (missing.status_code, missing.content)
        == (wrong.status_code, wrong.content)
        == (
            401,
            missing.content,
        )
    )
    statuses = [
        api.get("/api/v1/tips/current", HTTP_AUTHORIZATION="Receipt 0000").status_code
        for _ in range(4)
    ]
    assert statuses == [401, 401, 401, 429]


@pytest.mark.django_db
def test_bad_input_gets_a_clear_400(api):
    assert create(api, text="").json() == {"error": "请填写内容。"}
    assert "最多 5000 个字" in create(api, text="长" * 5001).json()["error"]
    bad = api.post("/api/v1/tips", "{not json", content_type="application/json")
    assert bad.status_code == 400 and "JSON" in bad.json()["error"]


def _schema():
    from chenbao.tips.openapi import SPEC
    from chenbao.wsgi import application

    loaded = schemathesis.openapi.from_dict(SPEC)
    loaded.app = application  # calls go through Django's WSGI handler, no server needed
    return loaded


schema = _schema()


@pytest.fixture
def fuzz_limits(settings):
    # Like Django's test client: keep the test's connection (and its transaction) open
    # across requests made through the raw WSGI handler.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    # Let the fuzzer through the flood limits; throttling has its own tests.
    settings.CHENBAO = {
        **settings.CHENBAO,
        "TIP_RATE_LIMIT": "100000/60",
        "TIP_RECEIPT_FAILURES": "100000/60",
    }
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@hsettings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_has_no_server_errors(case, db, fuzz_limits):
    """schemathesis finds no 5xx and no answer outside the document."""
    from schemathesis.checks import (
        content_type_conformance,
        not_a_server_error,
        response_schema_conformance,
        status_code_conformance,
    )

    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "https://other.testserver"},
    ],
)
def test_posts_from_another_site_are_refused(api, headers):
    form = api.post("/api/v1/tips", {"text": TEXT}, **headers)
    assert form.status_code == 403 and "其他网站" in form.json()["error"]
    as_json = api.post(
        "/api/v1/tips", json.dumps({"text": TEXT}), content_type="application/json", **headers
    )
    assert as_json.status_code == 403
    assert not Tip.objects.exists()


@pytest.mark.django_db
def test_own_site_and_apps_may_post(api):
    same = {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}
    assert api.post("/api/v1/tips", {"text": TEXT}, **same).status_code == 201
    assert api.post("/api/v1/tips", {"text": TEXT}).status_code == 201  # an app: no Origin
    assert Tip.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        b'{"text": "\\ud800 lone surrogate"}',
        b'{"text": "ok", "contact_phone": "\\udfff"}',
        b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"text": "ok", "contact_wechat": {"a": 1}}',
    ],
)
def test_malformed_json_gets_a_json_400_in_chinese(api, body):
    response = api.post("/api/v1/tips", body, content_type="application/json")
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["error"])
    assert not Tip.objects.exists()


@pytest.mark.django_db
def test_a_lone_surrogate_in_a_chat_message_gets_a_json_400(api):
    receipt = create(api).json()["receipt"]
    response = api.post(
        "/api/v1/tips/current/messages",
        b'{"text": "\\ud83d"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Receipt {receipt}",
    )
    assert response.status_code == 400 and "无法识别" in response.json()["error"]


@pytest.mark.django_db
def test_an_oversize_body_gets_a_json_400(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    big = json.dumps({"text": "字" * 20_000})
    response = api.post("/api/v1/tips", big, content_type="application/json")
    assert response.status_code == 400 and "太大" in response.json()["error"]
    form = api.post("/api/v1/tips", {"text": "字" * 20_000})
    assert form.status_code == 400 and "太大" in form.json()["error"]


@pytest.mark.django_db
def test_the_tipster_fetches_only_their_own_photos(api, photo):
    mine = api.post("/api/v1/tips", {"text": TEXT, "files": [_file(photo)]}).json()["receipt"]
    other = api.post("/api/v1/tips", {"text": TEXT + "另一位", "files": [_file(photo)]})
    auth = {"HTTP_AUTHORIZATION": f"Receipt {mine}"}
    state = api.get("/api/v1/tips/current", **auth).json()
    assert state["photos"] == [1]
    got = api.get("/api/v1/tips/current/files/1", **auth)
    assert got.status_code == 200 and got["Content-Type"] == "image/jpeg"
    assert "no-store" in got["Cache-Control"]
    assert b"".join(got.streaming_content)[:2] == b"\xff\xd8"
    assert api.get("/api/v1/tips/current/files/2", **auth).status_code == 404
    assert api.get("/api/v1/tips/current/files/1").status_code == 401  # no receipt
    assert other.status_code == 201
