"""The tip-line's OpenAPI document: valid, and saying what the API does."""

import pytest
from django.test import Client
from openapi_spec_validator import validate

from chenbao.tips.openapi import SPEC, _text_and_files, _with_receipt


@pytest.fixture
def api():
    return Client()


def test_openapi_document_is_valid(api):
    spec = api.get("/api/v1/openapi.json").json()
    validate(spec)
    assert {
        "/api/v1/tips",
        "/api/v1/tips/current",
        "/api/v1/tips/current/messages",
        "/api/v1/search",
    } <= set(spec["paths"])  # and the figures' paths (tests/figures/test_views.py)


def test_the_tip_lines_own_document_is_valid_on_its_own():
    validate(SPEC)


def test_every_receipt_operation_needs_the_receipt_and_may_be_refused():
    paths = SPEC["paths"]
    for path in ("/api/v1/tips/current", "/api/v1/tips/current/messages"):
        for operation in paths[path].values():
            assert operation["security"] == [{"receipt": []}]
            assert operation["parameters"][0]["name"] == "X-Receipt-Proof"
            assert {"401", "429"} <= set(operation["responses"])
    assert "security" not in paths["/api/v1/tips"]["post"]


def test_with_receipt_keeps_the_operations_own_parameters_and_answers():
    own = {"name": "page", "in": "query", "schema": {"type": "integer"}}
    op = _with_receipt({"parameters": [own], "responses": {"200": {"description": "好"}}})
    assert [p["name"] for p in op["parameters"]] == ["X-Receipt-Proof", "page"]
    assert set(op["responses"]) == {"200", "401", "429"}


def test_a_body_is_json_or_a_form_with_files_and_text_is_required_as_told():
    fields = {"text": {"type": "string"}}
    loose = _text_and_files(fields)["content"]
    assert loose["application/json"]["schema"]["required"] == ["text"]
    assert "required" not in loose["multipart/form-data"]["schema"]
    assert loose["multipart/form-data"]["schema"]["properties"]["files"]["maxItems"] == 9
    strict = _text_and_files(fields, text_required=True)["content"]
    assert strict["multipart/form-data"]["schema"]["required"] == ["text"]
    assert "files" not in strict["application/json"]["schema"]["properties"]


def test_the_documented_text_limit_is_the_one_the_service_enforces(settings):
    body = SPEC["paths"]["/api/v1/tips"]["post"]["requestBody"]["content"]
    for kind in ("application/json", "multipart/form-data"):
        text = body[kind]["schema"]["properties"]["text"]
        assert text["maxLength"] == settings.CHENBAO["TIP_MAX_TEXT_CHARS"]
