"""The tip-line's JSON API (/api/v1/): the same as the reader pages, for apps and mini-programs.

A wrong receipt gets the same answer whether or not a tip exists; repeated wrong receipts
get 429. Documented by openapi.py at /api/v1/openapi.json.
"""

import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chenbao.tips import ratelimit, receipt_guard, selectors, services
from chenbao.tips.headers import tip_headers
from chenbao.tips.openapi import SPEC
from chenbao.tips.views import uploads_from

WRONG_RECEIPT = "回执码不正确。"
PROVE = "回执码错误次数太多：请先完成验证（challenge，见 API 文档）再试。"


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse(
        {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def _body(request) -> dict:
    """Return the request's fields from JSON or a form; raise TipError on a bad body."""
    ctype = request.content_type or ""
    if ctype == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError) as exc:
            raise services.TipError("请求不是有效的 JSON。") from exc
        if not isinstance(data, dict):
            raise services.TipError("请求应是一个 JSON 对象。")
        for key in ("text", "contact_phone", "contact_wechat"):
            if key in data and not isinstance(data[key], str):
                raise services.TipError(f"{key} 应是字符串。")
        return data
    if ctype in {"multipart/form-data", "application/x-www-form-urlencoded"}:
        return request.POST.dict()
    raise services.TipError("请用 JSON 或 multipart/form-data 提交。")


def _tip_from_header(request):
    """Return (tip, None) for a valid `Authorization: Receipt <code>`, else (None, response)."""
    header = request.headers.get("Authorization", "")
    scheme, _, code = header.partition(" ")
    proof = request.headers.get("X-Receipt-Proof", "")
    attempt = receipt_guard.receipt_open(
        request, code if scheme.lower() == "receipt" else "", proof
    )
    if attempt.challenge:
        return None, JsonResponse(
            {"error": PROVE, "challenge": attempt.challenge},
            status=429,
            json_dumps_params={"ensure_ascii": False},
        )
    if attempt.tip is None:
        return None, _error(WRONG_RECEIPT, 401)
    return attempt.tip, None


def _tip_json(tip) -> dict:
    reward = selectors.tip_reward(tip)
    return {
        "status": tip.status,
        "status_text": tip.reader_status,
        "created_at": tip.created_at.isoformat(),
        "messages": [
            {"from": m.sender, "text": m.text, "at": m.at.isoformat()} for m in tip.messages.all()
        ],
        "files": tip.files.count(),
        "reward": ({"amount": reward.amount, "paid": reward.status == "paid"} if reward else None),
    }


@csrf_exempt
@tip_headers
@require_POST
def tips_create(request):
    if not ratelimit.submit_allowed(request):
        return _error("提交太频繁了，请稍后再试。", 429)
    try:
        data = _body(request)
        tip, code = services.tip_submit(
            text=data.get("text", ""),
            contact_phone=data.get("contact_phone", ""),
            contact_wechat=data.get("contact_wechat", ""),
            uploads=uploads_from(request),
        )
    except services.TipError as exc:
        return _error(str(exc), 400)
    return JsonResponse({"receipt": code, "status": tip.status}, status=201)


@csrf_exempt
@tip_headers
@require_GET
def tips_current(request):
    tip, error = _tip_from_header(request)
    if error:
        return error
    return JsonResponse(_tip_json(tip), json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@tip_headers
@require_POST
def tips_current_messages(request):
    tip, error = _tip_from_header(request)
    if error:
        return error
    try:
        data = _body(request)
        services.tip_message_add(tip=tip, text=data.get("text", ""), uploads=uploads_from(request))
    except services.TipError as exc:
        return _error(str(exc), 400)
    return JsonResponse(_tip_json(tip), status=201, json_dumps_params={"ensure_ascii": False})


@require_http_methods(["GET", "HEAD"])
def openapi(request):
    from chenbao.figures.openapi import with_figures  # the figures' open data shares the document

    return JsonResponse(with_figures(SPEC), json_dumps_params={"ensure_ascii": False})
