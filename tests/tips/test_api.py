"""The JSON API: submit, read with the receipt, reply; the OpenAPI document; schemathesis."""

import json

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hsettings
from openapi_spec_validator import validate

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


def test_openapi_document_is_valid(api):
    spec = api.get("/api/v1/openapi.json").json()
    validate(spec)
    assert {
        "/api/v1/tips",
        "/api/v1/tips/current",
        "/api/v1/tips/current/messages",
        "/api/v1/search",
    } <= set(spec["paths"])  # and the figures' paths (tests/figures/test_views.py)


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
