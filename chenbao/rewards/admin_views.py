"""Rewards in the Wagtail admin: propose, approve, pay (财务), and the monthly report."""

import csv
import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from chenbao.core.access import Action, may, role_required
from chenbao.rewards import selectors, services
from chenbao.rewards.models import Payment, Reward


@role_required(Action.REWARD_VIEW)
def reward_list(request):
    return render(
        request,
        "rewards/desk/list.html",
        {
            "open": selectors.rewards_open(),
            "tiers": selectors.tiers(),
            "methods": Payment.Method.choices,
            "can_approve": may(request.user, Action.REWARD_APPROVE),
            "can_pay": may(request.user, Action.REWARD_PAY),
            "payment_key": secrets.token_hex(16),
        },
    )


@require_POST
@role_required(Action.REWARD_VIEW)
def reward_act(request, reward_id: int):
    reward = get_object_or_404(Reward, pk=reward_id)
    action = request.POST.get("action")
    user = request.user
    try:
        if action in {"propose", "approve", "decline"} and not may(user, Action.REWARD_APPROVE):
            raise PermissionDenied
        if action == "pay" and not may(user, Action.REWARD_PAY):
            raise PermissionDenied
        if action == "propose":
            try:
                amount = int(request.POST.get("amount", ""))
            except ValueError as exc:
                raise services.RewardError("请选择奖励金额。") from exc
            services.reward_propose(user=user, reward=reward, amount=amount)
        elif action == "approve":
            services.reward_approve(user=user, reward=reward)
        elif action == "decline":
            services.reward_decline(user=user, reward=reward)
        elif action == "pay":
            services.payment_record(
                user=user,
                reward=reward,
                method=request.POST.get("method", ""),
                reference=request.POST.get("reference", ""),
                idempotency_key=request.POST.get("idempotency_key", "")[:64]
                or secrets.token_hex(16),
            )
        else:
            raise services.RewardError("未知操作。")
    except services.RewardError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已保存。")
    return redirect("rewards_desk:list")


@role_required(Action.REWARD_REPORT)
def report(request):
    """The month's rewards granted and paid, as a page or CSV (?format=csv)."""
    today = timezone.localdate()
    try:
        year, month = (int(x) for x in request.GET.get("month", f"{today:%Y-%m}").split("-"))
        report = selectors.month_report(year=year, month=month)
    except ValueError:
        year, month = today.year, today.month
        report = selectors.month_report(year=year, month=month)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="rewards-{year}-{month:02d}.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 CSV correctly with a BOM
        writer = csv.writer(response)
        writer.writerow(
            ["类别", "奖励编号", "爆料编号", "金额（元）", "时间", "经办人", "方式", "凭证号"]
        )
        for r in report.granted:
            when = timezone.localtime(r.approved_at)
            writer.writerow(
                ["批准", r.pk, r.tip_id, r.amount, f"{when:%Y-%m-%d %H:%M}", r.approved_by, "", ""]
            )
        for p in report.paid:
            when = timezone.localtime(p.paid_at)
            writer.writerow(
                [
                    "发放",
                    p.reward_id,
                    p.reward.tip_id,
                    p.amount,
                    f"{when:%Y-%m-%d %H:%M}",
                    p.paid_by,
                    p.get_method_display(),
                    p.reference,
                ]
            )
        writer.writerow(["合计批准", "", "", report.granted_total, "", "", "", ""])
        writer.writerow(["合计发放", "", "", report.paid_total, "", "", "", ""])
        return response
    return render(request, "rewards/desk/report.html", {"report": report})
