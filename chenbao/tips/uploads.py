"""Readers' files on their way in: the tip-line's caps, then the media worker.

The caps come from settings (count and size per file, bytes per tip, bytes per client and
day, pixels per photo and per request); the decoding and cleaning run in the worker of
sandbox.py under its memory, CPU and time budget. Errors are media.MediaError with a
Chinese message for the reader.
"""

from collections.abc import Sequence

from django.conf import settings
from django.db.models import Sum

from chenbao.tips import media, ratelimit, sandbox
from chenbao.tips.models import Tip

MB = 1024 * 1024


def media_limits() -> media.Limits:
    return media.Limits(
        image_pixels=settings.CHENBAO["TIP_MAX_IMAGE_PIXELS"],
        request_pixels=settings.CHENBAO["TIP_MAX_REQUEST_PIXELS"],
        video_seconds=settings.CHENBAO["TIP_MEDIA_WALL_SECONDS"],
    )


def media_budget() -> sandbox.Budget:
    return sandbox.Budget(
        memory_mb=settings.CHENBAO["TIP_MEDIA_MEMORY_MB"],
        cpu_seconds=settings.CHENBAO["TIP_MEDIA_CPU_SECONDS"],
        wall_seconds=settings.CHENBAO["TIP_MEDIA_WALL_SECONDS"],
    )


def uploads_admit(request, sizes: Sequence[int]) -> str:
    """Spend the request's bytes from the client's daily budget; return a refusal or ""."""
    if ratelimit.upload_allowed(request, sum(sizes)):
        return ""
    daily = settings.CHENBAO["TIP_CLIENT_DAILY_BYTES"] // MB
    return f"24 小时内上传的文件已超过 {daily} MB，请稍后再发，或拨打新闻热线。"


def uploads_clean(datas: Sequence[bytes], *, tip: Tip | None = None) -> list[media.CleanFile]:
    """Return the files checked against every cap and cleaned, or raise media.MediaError."""
    if not datas:
        return []
    limit, max_bytes = settings.CHENBAO["TIP_MAX_FILES"], settings.CHENBAO["TIP_MAX_FILE_BYTES"]
    already = tip.files.count() if tip is not None else 0
    if len(datas) + already > limit:
        raise media.MediaError(f"最多上传 {limit} 个照片或视频。")
    for n, data in enumerate(datas, start=1):
        if len(data) > max_bytes:
            raise media.MediaError(f"第 {n} 个文件太大：每个文件不能超过 {max_bytes // MB} MB。")
    per_tip = settings.CHENBAO["TIP_MAX_TIP_BYTES"]
    stored = (tip.files.aggregate(n=Sum("size"))["n"] or 0) if tip is not None else 0
    if stored + sum(len(d) for d in datas) > per_tip:
        have = f"（已有 {stored / MB:.1f} MB）" if stored else ""
        raise media.MediaError(
            f"一条爆料的文件总共不能超过 {per_tip // MB} MB{have}，请压缩后再上传。"
        )
    return sandbox.clean_in_worker(list(datas), media_limits(), media_budget())
