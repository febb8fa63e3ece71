"""The figures' part of the OpenAPI document served at /api/v1/openapi.json (by hand, as the
tip-line's: django-ninja is not in the project). Responses are tested against these schemas."""

_NUMBER = {"type": "number"}
_NULLABLE_NUMBER = {"type": "number", "nullable": True}
_STRING = {"type": "string"}

SCHEMAS = {
    "Indicator": {
        "type": "object",
        "required": ["slug", "name", "place", "unit", "url", "csv"],
        "properties": {
            "slug": _STRING,
            "name": {**_STRING, "description": "指标"},
            "place": {**_STRING, "description": "地方"},
            "unit": {**_STRING, "description": "单位"},
            "url": {**_STRING, "format": "uri"},
            "csv": {**_STRING, "format": "uri"},
        },
    },
    "IndicatorValue": {
        "type": "object",
        "required": [
            "date",
            "text",
            "value",
            "unit",
            "kind",
            "qualifier",
            "period",
            "story",
            "url",
        ],
        "properties": {
            "date": {**_STRING, "format": "date"},
            "text": {**_STRING, "description": "见报原文"},
            "value": _NUMBER,
            "unit": _STRING,
            "kind": {"type": "string", "enum": ["figure", "target", "ranking", "change"]},
            "qualifier": _STRING,
            "period": _STRING,
            "story": _STRING,
            "url": {**_STRING, "format": "uri"},
        },
    },
    "Pledge": {
        "type": "object",
        "required": [
            "id",
            "title",
            "owner",
            "place",
            "deadline",
            "target",
            "unit",
            "status",
            "status_label",
            "progress",
            "indicator",
            "url",
        ],
        "properties": {
            "id": {"type": "integer"},
            "title": _STRING,
            "owner": _STRING,
            "place": _STRING,
            "deadline": {**_STRING, "format": "date", "nullable": True},
            "target": _NULLABLE_NUMBER,
            "unit": _STRING,
            "status": {
                "type": "string",
                "enum": [
                    "not_rated",
                    "in_progress",
                    "stalled",
                    "partly_kept",
                    "kept",
                    "exceeded",
                    "broken",
                ],
            },
            "status_label": _STRING,
            "progress": _NULLABLE_NUMBER,
            "indicator": {**_STRING, "nullable": True},
            "url": {**_STRING, "format": "uri"},
        },
    },
    "PledgeEvent": {
        "type": "object",
        "required": ["status", "status_label", "note", "at", "evidence", "story_url"],
        "properties": {
            "status": _STRING,
            "status_label": _STRING,
            "note": _STRING,
            "at": {**_STRING, "format": "date-time"},
            "evidence": {**_STRING, "nullable": True},
            "story_url": {**_STRING, "nullable": True},
        },
    },
}


def _ok(schema: dict, summary: str) -> dict:
    return {"description": summary, "content": {"application/json": {"schema": schema}}}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


_NOT_FOUND = {"description": "没有这个指标或承诺"}
_SLUG = [{"name": "slug", "in": "path", "required": True, "schema": _STRING}]
_ID = [{"name": "pk", "in": "path", "required": True, "schema": {"type": "integer"}}]

PATHS = {
    "/api/v1/indicators/": {
        "get": {
            "operationId": "listIndicators",
            "summary": "指标列表",
            "responses": {
                "200": _ok(
                    {
                        "type": "object",
                        "required": ["indicators"],
                        "properties": {"indicators": {"type": "array", "items": _ref("Indicator")}},
                    },
                    "指标",
                )
            },
        }
    },
    "/api/v1/indicators/{slug}/": {
        "get": {
            "operationId": "getIndicator",
            "summary": "一个指标及其历次报道的数值",
            "parameters": _SLUG,
            "responses": {
                "200": _ok(
                    {
                        "allOf": [
                            _ref("Indicator"),
                            {
                                "type": "object",
                                "required": ["values"],
                                "properties": {
                                    "values": {"type": "array", "items": _ref("IndicatorValue")}
                                },
                            },
                        ]
                    },
                    "指标与数值",
                ),
                "404": _NOT_FOUND,
            },
        }
    },
    "/api/v1/pledges/": {
        "get": {
            "operationId": "listPledges",
            "summary": "承诺列表",
            "responses": {
                "200": _ok(
                    {
                        "type": "object",
                        "required": ["pledges"],
                        "properties": {"pledges": {"type": "array", "items": _ref("Pledge")}},
                    },
                    "承诺",
                )
            },
        }
    },
    "/api/v1/pledges/{pk}/": {
        "get": {
            "operationId": "getPledge",
            "summary": "一项承诺及其进展",
            "parameters": _ID,
            "responses": {
                "200": _ok(
                    {
                        "allOf": [
                            _ref("Pledge"),
                            {
                                "type": "object",
                                "required": ["timeline"],
                                "properties": {
                                    "timeline": {"type": "array", "items": _ref("PledgeEvent")}
                                },
                            },
                        ]
                    },
                    "承诺与进展",
                ),
                "404": _NOT_FOUND,
            },
        }
    },
}


def with_figures(spec: dict) -> dict:
    """`spec` (the tip-line's document) with the figures' paths and schemas added."""
    components = dict(spec.get("components", {}))
    components["schemas"] = {**components.get("schemas", {}), **SCHEMAS}
    return {**spec, "components": components, "paths": {**spec["paths"], **PATHS}}
