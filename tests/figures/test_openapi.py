"""The figures' paths and schemas joined to the site's OpenAPI document."""

from openapi_spec_validator import validate

from chenbao.figures.openapi import PATHS, SCHEMAS, with_figures

BASE = {
    "openapi": "3.0.3",
    "info": {"title": "t", "version": "1"},
    "paths": {"/api/v1/tips/": {"get": {"responses": {"200": {"description": "ok"}}}}},
    "components": {"schemas": {"Tip": {"type": "object"}}},
}


def test_the_figures_are_added_and_what_was_there_is_kept():
    spec = with_figures(BASE)
    assert set(spec["paths"]) == {"/api/v1/tips/", *PATHS}
    assert set(spec["components"]["schemas"]) == {"Tip", *SCHEMAS}
    assert spec["info"] == BASE["info"]


def test_the_base_document_is_not_changed():
    with_figures(BASE)
    assert set(BASE["paths"]) == {"/api/v1/tips/"}
    assert set(BASE["components"]["schemas"]) == {"Tip"}


def test_a_document_without_components_gets_them():
    spec = with_figures({"openapi": "3.0.3", "info": BASE["info"], "paths": {}})
    assert set(spec["components"]["schemas"]) == set(SCHEMAS)
    validate(spec)


def test_the_joined_document_is_valid_openapi_and_every_ref_resolves():
    spec = with_figures(BASE)
    validate(spec)
    refs = []

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                refs.append(node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    assert refs
    for ref in refs:
        assert ref.removeprefix("#/components/schemas/") in spec["components"]["schemas"]


def test_each_path_answers_404_when_it_takes_an_identifier():
    for path, item in PATHS.items():
        responses = item["get"]["responses"]
        assert ("404" in responses) == ("{" in path), path
