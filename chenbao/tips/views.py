"""Reader side of the tip-line (爆料): the form, the receipt, the chat, the privacy page."""

from django.conf import settings
from django.http import HttpResponseForbidden
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from chenbao.tips import ratelimit, receipt_guard, receipts, selectors, services, uploads
from chenbao.tips.headers import tip_headers

HONEYPOT = "website"


def uploads_from(request) -> list[services.Upload]:
    """Return the request's files as uploads, refusing too many or too large before reading."""
    files = request.FILES.getlist("files")
    limit, max_bytes = settings.CHENBAO["TIP_MAX_FILES"], settings.CHENBAO["TIP_MAX_FILE_BYTES"]
    if len(files) > limit:
        raise services.TipError(f"最多上传 {limit} 个照片或视频。")
    for n, f in enumerate(files, start=1):
        if f.size > max_bytes:
            raise services.TipError(
                f"第 {n} 个文件太大：每个文件不能超过 {max_bytes // (1024 * 1024)} MB。"
            )
    refusal = uploads.uploads_admit(request, [f.size for f in files])
    if refusal:
        raise services.TipError(refusal)
    return [services.Upload(f.read()) for f in files]


def _limits() -> dict:
    return {
        "max_files": settings.CHENBAO["TIP_MAX_FILES"],
        "max_mb": settings.CHENBAO["TIP_MAX_FILE_BYTES"] // (1024 * 1024),
        "max_chars": settings.CHENBAO["TIP_MAX_TEXT_CHARS"],
        "hotline": settings.CHENBAO["HOTLINE"],
    }


@tip_headers
@require_http_methods(["GET", "POST"])
def submit(request):
    """Show the tip form; on POST record the tip and show its receipt once."""
    ctx = {**_limits(), "values": {}}
    if request.method == "POST":
        if request.POST.get(HONEYPOT):
            return HttpResponseForbidden("forbidden")
        ctx["values"] = {
            k: request.POST.get(k, "") for k in ("text", "contact_phone", "contact_wechat")
        }
        if not ratelimit.submit_allowed(request):
            ctx["error"] = "提交太频繁了，请稍等一分钟再试，或拨打新闻热线。"
            return render(request, "tips/submit.html", ctx, status=429)
        try:
            tip, code = services.tip_submit(
                text=request.POST.get("text", ""),
                contact_phone=request.POST.get("contact_phone", ""),
                contact_wechat=request.POST.get("contact_wechat", ""),
                uploads=uploads_from(request),
            )
        except services.TipError as exc:
            ctx["error"] = str(exc)
            return render(request, "tips/submit.html", ctx, status=400)
        return render(
            request,
            "tips/receipt.html",
            {"receipt": receipts.receipt_format(code), "tip": tip, **_limits()},
        )
    return render(request, "tips/submit.html", ctx)


@tip_headers
@require_http_methods(["GET", "POST"])
def chat(request):
    """The tipster's chat with the desk, opened with the receipt (nothing kept in a session)."""
    if request.method == "GET":
        return render(request, "tips/chat_login.html", _limits())
    code = request.POST.get("receipt", "")
    attempt = receipt_guard.receipt_open(request, code, request.POST.get("proof", ""))
    if attempt.challenge:  # free tries spent: the page solves a proof of work and retries
        ctx = {**_limits(), "challenge": attempt.challenge, "receipt_value": code}
        if request.POST.get("action") == "reply":  # the reply goes on with the retry
            ctx["reply_text"] = request.POST.get("text", "")
        return render(request, "tips/chat_login.html", ctx, status=429)
    tip = attempt.tip
    if tip is None:
        ctx = {**_limits(), "error": "回执码不正确，请核对后重新输入。"}
        return render(request, "tips/chat_login.html", ctx, status=403)
    ctx = {**_limits(), "receipt": receipts.receipt_normalise(code)}
    status = 200
    if request.POST.get("action") == "reply":
        try:
            services.tip_message_add(
                tip=tip, text=request.POST.get("text", ""), uploads=uploads_from(request)
            )
            ctx["sent"] = True
        except services.TipError as exc:
            ctx["error"] = str(exc)
            ctx["text"] = request.POST.get("text", "")
            status = 400
    ctx.update(
        tip=tip,
        messages=list(tip.messages.all()),
        file_count=tip.files.count(),
        reward=selectors.tip_reward(tip),
    )
    return render(request, "tips/chat.html", ctx, status=status)


@tip_headers
def privacy(request):
    """Tell readers plainly what the paper keeps about them, and for how long."""
    return render(
        request,
        "tips/privacy.html",
        {**_limits(), "retention_days": settings.CHENBAO["TIP_RETENTION_DAYS"]},
    )
