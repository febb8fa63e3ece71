"""The OpenAPI 3.0 document of the tip-line API, written by hand (served at /api/v1/openapi.json)."""

from typing import Any

_ERROR = {
    "description": "错误（中文说明）",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["error"],
                "properties": {"error": {"type": "string"}},
            }
        }
    },
}
_TIP_FIELDS = {
    "text": {"type": "string", "minLength": 1, "maxLength": 5000, "description": "发生了什么"},
    "contact_phone": {"type": "string", "maxLength": 40, "description": "手机号（可选，领奖用）"},
    "contact_wechat": {"type": "string", "maxLength": 40, "description": "微信号（可选）"},
}
_FILES = {
    "type": "array",
    "maxItems": 9,
    "items": {"type": "string", "format": "binary"},
    "description": "照片或视频，最多 9 个，每个不超过 20 MB",
}
_TIP_STATE = {
    "type": "object",
    "required": ["status", "status_text", "created_at", "messages", "files", "reward"],
    "properties": {
        "status": {
            "type": "string",
            "enum": [
                "new",
                "triaged",
                "assigned",
                "verifying",
                "used",
                "not_used",
                "duplicate",
                "spam",
            ],
        },
        "status_text": {"type": "string"},
        "created_at": {"type": "string", "format": "date-time"},
        "messages": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["from", "text", "at"],
                "properties": {
                    "from": {"type": "string", "enum": ["tipster", "desk"]},
                    "text": {"type": "string"},
                    "at": {"type": "string", "format": "date-time"},
                },
            },
        },
        "files": {"type": "integer", "minimum": 0},
        "photos": {
            "type": "array",
            "description": "编号（1 起）：GET /api/v1/tips/current/files/{n} 取回读者自己发的照片",
            "items": {"type": "integer", "minimum": 1},
        },
        "reward": {
            "nullable": True,
            "type": "object",
            "required": ["amount", "paid"],
            "properties": {
                "amount": {"type": "integer", "minimum": 50, "maximum": 1000},
                "paid": {"type": "boolean"},
            },
        },
    },
}
_RECEIPT_ERRORS = {
    "401": {**_ERROR, "description": "回执码不正确（无论爆料是否存在，回答相同）"},
    "429": {
        "description": (
            "回执码错误次数太多（本网络或本回执码）：先做一次工作量证明。取 `challenge` 第二段的"
            "数字 bits，找一个十进制数 nonce，使 SHA-256(`<challenge>:<nonce>`) 的前 bits 位为 0，"
            "再在请求头 `X-Receipt-Proof: <challenge>:<nonce>` 中附上重试；每个 challenge 只能用一次。"
        ),
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["error", "challenge"],
                    "properties": {"error": {"type": "string"}, "challenge": {"type": "string"}},
                }
            }
        },
    },
}
_PROOF_HEADER = {
    "name": "X-Receipt-Proof",
    "in": "header",
    "required": False,
    "schema": {"type": "string"},
    "description": "回答 429 的 challenge：`<challenge>:<nonce>`",
}


def _text_and_files(fields: dict, *, text_required: bool = False) -> dict:
    """A body of `fields` as JSON, or as a form with photos and videos (`files`)."""

    def schema(properties: dict, required: bool) -> dict:
        return {
            "schema": {
                "type": "object",
                **({"required": ["text"]} if required else {}),
                "properties": properties,
            }
        }

    return {
        "required": True,
        "content": {
            "application/json": schema(fields, True),
            "multipart/form-data": schema({**fields, "files": _FILES}, text_required),
        },
    }


def _with_receipt(operation: dict) -> dict:
    """An operation the reader makes with their receipt code (and the proof header)."""
    parameters = [_PROOF_HEADER, *operation.pop("parameters", [])]
    return {
        **operation,
        "security": [{"receipt": []}],
        "parameters": parameters,
        "responses": {**operation["responses"], **_RECEIPT_ERRORS},
    }


SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {
        "title": "晨报爆料 API",
        "version": "1.0.0",
        "description": "读者爆料：提交线索、凭回执码查看编辑回复并继续对话。",
    },
    "servers": [{"url": "/"}],
    "components": {
        "securitySchemes": {
            "receipt": {
                "type": "apiKey",
                "in": "header",
                "name": "Authorization",
                "description": "`Receipt <16位回执码>`",
            }
        }
    },
    "paths": {
        "/api/v1/tips": {
            "post": {
                "operationId": "createTip",
                "summary": "提交爆料",
                "requestBody": _text_and_files(_TIP_FIELDS, text_required=True),
                "responses": {
                    "201": {
                        "description": "已收到；回执码只返回这一次",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["receipt", "status"],
                                    "properties": {
                                        "receipt": {"type": "string", "pattern": "^[0-9]{16}$"},
                                        "status": {"type": "string", "enum": ["new"]},
                                    },
                                }
                            }
                        },
                    },
                    "400": _ERROR,
                    "429": {**_ERROR, "description": "提交太频繁"},
                },
            }
        },
        "/api/v1/tips/current": {
            "get": _with_receipt(
                {
                    "operationId": "getCurrentTip",
                    "summary": "凭回执码查看爆料状态、对话和奖励",
                    "responses": {
                        "200": {
                            "description": "爆料现状",
                            "content": {"application/json": {"schema": _TIP_STATE}},
                        },
                    },
                }
            )
        },
        "/api/v1/tips/current/files/{n}": {
            "get": _with_receipt(
                {
                    "operationId": "getCurrentTipFile",
                    "summary": "凭回执码取回自己发的第 n 个照片（供对话页显示缩略图）",
                    "parameters": [
                        {
                            "name": "n",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 1},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "照片（已去除位置等元数据）",
                            "content": {"image/jpeg": {}, "image/png": {}, "image/webp": {}},
                        },
                        "404": {**_ERROR, "description": "没有这个照片"},
                    },
                }
            )
        },
        "/api/v1/tips/current/messages": {
            "post": _with_receipt(
                {
                    "operationId": "addTipMessage",
                    "summary": "回复编辑部（可附照片或视频）",
                    "requestBody": _text_and_files({"text": _TIP_FIELDS["text"]}),
                    "responses": {
                        "201": {
                            "description": "已发送；返回爆料现状",
                            "content": {"application/json": {"schema": _TIP_STATE}},
                        },
                        "400": _ERROR,
                    },
                }
            )
        },
    },
}

# The archive search (issue 11) is part of the same public API.
from chenbao.archive.openapi import SEARCH_PATHS  # noqa: E402

SPEC["paths"].update(SEARCH_PATHS)
