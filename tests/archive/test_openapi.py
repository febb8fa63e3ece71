"""The OpenAPI description of /api/v1/search, and that it matches what the form accepts."""

from openapi_spec_validator import validate

from chenbao.archive.forms import MAX_PAGE, SearchForm
from chenbao.archive.openapi import SEARCH_PATHS
from chenbao.archive.search.documents import KINDS
from chenbao.archive.search.services import MAX_QUERY

PARAMS = {p["name"]: p for p in SEARCH_PATHS["/api/v1/search"]["get"]["parameters"]}


def test_the_paths_make_a_valid_document():
    validate(
        {
            "openapi": "3.0.3",
            "info": {"title": "archive", "version": "1"},
            "paths": SEARCH_PATHS,
        }
    )


def test_every_form_field_is_described_and_nothing_else():
    assert set(PARAMS) == set(SearchForm.base_fields)
    assert [name for name, p in PARAMS.items() if p.get("required")] == ["q"]


def test_the_documented_limits_are_the_forms():
    assert PARAMS["q"]["schema"]["maxLength"] == MAX_QUERY
    assert PARAMS["p"]["schema"]["maximum"] == MAX_PAGE
    assert set(PARAMS["kind"]["schema"]["enum"]) == {"", *KINDS}
    for name in ("section", "page", "byline"):
        assert PARAMS[name]["schema"]["maxLength"] == SearchForm.base_fields[name].max_length


def test_the_site_document_includes_the_search(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["paths"]["/api/v1/search"] == SEARCH_PATHS["/api/v1/search"]
