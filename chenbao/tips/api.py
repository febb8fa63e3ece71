"""The tip-line's JSON API (/api/v1/): the same as the reader pages, for apps and mini-programs.

A wrong receipt gets the same answer whether or not a tip exists; repeated wrong receipts
get 429. Documented by openapi.py at /api/v1/openapi.json.
"""

import json
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import FileResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chenbao.tips import ratelimit, receipt_guard, selectors, services
from chenbao.tips.headers import tip_headers
from chenbao.tips.openapi import SPEC
from chenbao.tips.storage import tip_storage
from chenbao.tips.views import uploads_from

WRONG_RECEIPT = "回执码不正确。"
PROVE = "回执码错误次数太多：请先完成验证（challenge，见 API 文档）再试。"


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse(
        {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


CROSS_SITE = "不接受从其他网站提交的爆料：请在本报网站或客户端里提交。"
TOO_BIG = "提交的内容太大了：文字请精简，照片和视频请分几次发送。"
FIELDS = ("text", "contact_phone", "contact_wechat")


def _cross_site(request) -> bool:
    """Whether a browser sent this request from a page of another site.

    Browsers say where a request comes from (Sec-Fetch-Site, Origin) and a page cannot
    hide it; apps and mini-programs send neither. A cross-site form or multipart post needs
    no CORS preflight, so without this check any page could make its visitors send tips.
    """
    site = request.headers.get("Sec-Fetch-Site", "")
    if site and site not in {"same-origin", "none"}:
        return True
    origin = request.headers.get("Origin", "")
    if not origin:
        return False
    if origin == "null":  # a sandboxed frame, a data: or file: page
        return True
    trusted = {urlsplit(o).netloc for o in settings.CSRF_TRUSTED_ORIGINS}
    return urlsplit(origin).netloc not in {request.get_host(), *trusted}


def api_guard(view):
    """A JSON answer with a Chinese message for what a view cannot take: a post from another
    site (403), a body over the size limits (400), instead of Django's HTML pages."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and _cross_site(request):
            return _error(CROSS_SITE, 403)
        try:
            return view(request, *args, **kwargs)
        except (RequestDataTooBig, TooManyFieldsSent):
            return _error(TOO_BIG, 400)

    return wrapped


def _clean_strings(data: dict) -> dict:
    """The text fields, each a string of characters UTF-8 can store."""
    for key in FIELDS:
        value = data.get(key, "")
        if not isinstance(value, str):
            raise services.TipError(f"{key} 应是字符串。")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate such as "\ud800"
            raise services.TipError(f"{key} 里有无法识别的字符，请删掉后再提交。") from exc
    return data


def _body(request) -> dict:
    """Return the request's fields from JSON or a form; raise TipError on a bad body."""
    ctype = request.content_type or ""
    if ctype == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise services.TipError("请求不是有效的 JSON。") from exc
        if not isinstance(data, dict):
            raise services.TipError("请求应是一个 JSON 对象。")
        return _clean_strings(data)
    if ctype in {"multipart/form-data", "application/x-www-form-urlencoded"}:
        return _clean_strings(request.POST.dict())
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
    files = list(tip.files.all())
    return {
        "status": tip.status,
        "status_text": tip.reader_status,
        "created_at": tip.created_at.isoformat(),
        "messages": [
            {"from": m.sender, "text": m.text, "at": m.at.isoformat()} for m in tip.messages.all()
        ],
        "files": len(files),
        "photos": [n for n, f in enumerate(files, 1) if f.kind == "image"],
        "reward": ({"amount": reward.amount, "paid": reward.status == "paid"} if reward else None),
    }


@csrf_exempt
@tip_headers
@api_guard
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
@api_guard
@require_GET
def tips_current(request):
    tip, error = _tip_from_header(request)
    if error:
        return error
    return JsonResponse(_tip_json(tip), json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@tip_headers
@api_guard
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


@csrf_exempt
@tip_headers
@api_guard
@require_GET
def tips_current_file(request, n: str):
    """The tipster's own n-th photo (1-based), for the chat's thumbnails: the receipt opens
    it as it opens the chat; videos and other tips' files are not served here."""
    tip, error = _tip_from_header(request)
    if error:
        return error
    photos = [f for f in tip.files.all() if f.kind == "image"]
    number = int(n) if n.isascii() and n.isdigit() else 0
    if not 1 <= number <= len(photos):
        return _error("没有这个照片。", 404)
    photo = photos[number - 1]
    return FileResponse(tip_storage().open(photo.name, "rb"), content_type=photo.content_type)


@require_http_methods(["GET", "HEAD"])
def openapi(request):
    from chenbao.figures.openapi import with_figures  # the figures' open data shares the document

    return JsonResponse(with_figures(SPEC), json_dumps_params={"ensure_ascii": False})
