"""Demo tips in the desk's inbox, and the banner's QR code (idempotent: run twice, same state)."""

import io

import segno
from django.conf import settings
from django.contrib.auth import get_user_model

from chenbao.tips.models import Tip
from chenbao.tips.services import hotline_intake, tip_assign, tip_reply, tip_submit

SAMPLES = [
    ("web", "东风路与柳泉路交叉口今早两车相撞，一人受伤，交警已在现场处置。", "13800000001"),
    ("web", "今早东风路柳泉路路口两辆车撞了，有一人受伤，交警正在现场处理。", ""),
    ("web", "华光路万象汇地下车库大面积积水，好多车被淹，物业没人管。", "13800000002"),
    ("web", "人民公园菊花展今天开幕，展出三百多个品种，免费参观。", ""),
    ("hotline", "张店区和平小区3号楼一楼进水，楼道里全是水，住户很着急。", "13800000003"),
]


def load(*, stdout) -> None:
    User = get_user_model()
    desk = User.objects.filter(username="tip_desk").first()
    reporter = User.objects.filter(username="reporter").first()
    created = 0
    for channel, text, phone in SAMPLES:
        if Tip.objects.filter(text=text).exists():
            continue
        if channel == "hotline" and desk is not None:
            tip, _code = hotline_intake(user=desk, caller_number=phone, text=text)
        else:
            tip, _code = tip_submit(text=text, contact_phone=phone)
        created += 1
        if text.startswith("华光路") and desk is not None:
            tip_reply(user=desk, tip=tip, text="您好，请问积水大概多深？方便拍张照片吗？")
            if reporter is not None:
                tip_assign(user=desk, tip=tip, reporter=reporter)
    url = settings.CHENBAO["TIPLINE_URL"]
    stdout.write(f"tip-line: {Tip.objects.count()} tips in the inbox ({created} new)")
    stdout.write(f"  手机扫一扫 边聊边爆料 -> {url}")
    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True)
    stdout.write(out.getvalue())
