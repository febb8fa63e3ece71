"""The OpenAPI 3.0 description of /api/v1/search, to join the site's API document.

Served today inside /api/v1/openapi.json (chenbao/tips/openapi.py adds these paths); kept
here beside the view it describes (chenbao/archive/api.py).
"""

_STR = {"type": "string"}
_PARAMS = [
    {
        "name": "q",
        "in": "query",
        "required": True,
        "description": "检索词：多个词同时出现，“引号”内为短语",
        "schema": {"type": "string", "minLength": 1, "maxLength": 200},
    },
    {
        "name": "date_from",
        "in": "query",
        "description": "起始日期",
        "schema": {"type": "string", "format": "date"},
    },
    {
        "name": "date_to",
        "in": "query",
        "description": "截止日期",
        "schema": {"type": "string", "format": "date"},
    },
    {
        "name": "section",
        "in": "query",
        "description": "栏目，如 要闻",
        "schema": {"type": "string", "maxLength": 40},
    },
    {
        "name": "page",
        "in": "query",
        "description": "版号，如 A02",
        "schema": {"type": "string", "maxLength": 8},
    },
    {
        "name": "byline",
        "in": "query",
        "description": "作者姓名",
        "schema": {"type": "string", "maxLength": 40},
    },
    {
        "name": "kind",
        "in": "query",
        "description": "printed 见报 / web 网络",
        "schema": {"type": "string", "enum": ["", "printed", "web"]},
    },
    {
        "name": "p",
        "in": "query",
        "description": "第几页（每页 20 篇）",
        "schema": {"type": "integer", "minimum": 1, "maximum": 50},
    },
]
_NINJS_SUMMARY = {
    "type": "object",
    "description": "IPTC ninjs 2.2，representationtype 为 partial",
    "required": ["uri", "type", "representationtype", "headlines"],
    "properties": {
        "uri": _STR,
        "type": _STR,
        "representationtype": {"type": "string", "enum": ["partial"]},
        "headlines": {"type": "array", "items": {"type": "object"}},
        "descriptions": {"type": "array", "items": {"type": "object"}},
        "contentcreated": {"type": "string", "format": "date-time"},
        "by": _STR,
        "renditions": {"type": "array", "items": {"type": "object"}},
    },
}
SEARCH_PATHS = {
    "/api/v1/search": {
        "get": {
            "summary": "检索报纸档案（已发布、未撤稿的稿件）",
            "operationId": "archive_search",
            "parameters": _PARAMS,
            "responses": {
                "200": {
                    "description": "检索结果，最相关的在前",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["total", "offset", "limit", "items"],
                                "properties": {
                                    "total": {"type": "integer", "minimum": 0},
                                    "offset": {"type": "integer", "minimum": 0},
                                    "limit": {"type": "integer"},
                                    "max_pages": {"type": "integer"},
                                    "items": {"type": "array", "items": _NINJS_SUMMARY},
                                },
                            }
                        }
                    },
                },
                "400": {
                    "description": "参数有误（中文说明）",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["error"],
                                "properties": {"error": _STR, "fields": {"type": "object"}},
                            }
                        }
                    },
                },
                "503": {
                    "description": "检索服务暂时不可用（OpenSearch 集群无法应答）",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["error"],
                                "properties": {"error": _STR},
                            }
                        }
                    },
                },
            },
        }
    }
}
