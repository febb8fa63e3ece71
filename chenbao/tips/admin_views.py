"""The tip desk (热线编辑) in the Wagtail admin: inbox, a tip's page, hotline intake, chat import.

Every view needs a login (Wagtail's admin wrapper) and a role: the tip desk sees every tip,
a reporter (记者) only the tips assigned to them, through `selectors.access_tip`.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from chenbao.core.access import Action, may, role_required, users_with
from chenbao.core.roles import REPORTER
from chenbao.stories.models import StoryPage
from chenbao.tips import receipts, selectors, services
from chenbao.tips.models import TipChannel, TipFile, TipStatus
from chenbao.tips.storage import tip_storage

desk_or_reporter = role_required(Action.TIP_DESK, Action.TIP_ASSIGNED)
desk_only = role_required(Action.TIP_DESK)


@desk_or_reporter
def inbox(request):
    """List tips, newest first, with filters and search."""
    keys = ("status", "channel", "assigned", "q", "awaiting", "overdue")
    filters = {k: request.GET.get(k, "")[:100] for k in keys}
    qs = selectors.tip_inbox(request.user, **filters)
    page = Paginator(qs, 50).get_page(request.GET.get("p"))
    return render(
        request,
        "tips/desk/inbox.html",
        {
            "page": page,
            "filters": filters,
            "statuses": TipStatus.choices,
            "channels": TipChannel.choices,
            "is_desk": may(request.user, Action.TIP_DESK),
        },
    )


def _reporters():
    return users_with(REPORTER)


@desk_or_reporter
def detail(request, tip_id: int):
    """Show one tip: text, chat, files, notes, group; the forms that act on it."""
    tip = selectors.access_tip(request.user, tip_id)
    is_desk = may(request.user, Action.TIP_DESK)
    return render(
        request,
        "tips/desk/detail.html",
        {
            "tip": tip,
            "is_desk": is_desk,
            "chat": tip.messages.select_related("author"),
            "notes": tip.notes.select_related("author"),
            "files": tip.files.all(),
            "group_tips": [t for t in selectors.group_tips_ordered(tip.group) if t.pk != tip.pk]
            if is_desk
            else [],
            "next_statuses": [(s, TipStatus(s).label) for s in sorted(tip.allowed_next())],
            "reporters": _reporters() if is_desk else [],
            "stories": StoryPage.objects.order_by("-latest_revision_created_at")[:50],
            "has_contact": hasattr(tip, "contact"),
        },
    )


@require_POST
@desk_or_reporter
def act(request, tip_id: int):
    """Apply one action from the tip's page (status, assign, note, reply, story, group)."""
    tip = selectors.access_tip(request.user, tip_id)
    action = request.POST.get("action", "")
    user = request.user
    desk_actions = {"assign", "reveal", "confirm_group", "split"}
    if action in desk_actions and not may(user, Action.TIP_DESK):
        raise PermissionDenied
    try:
        if action == "status":
            services.tip_status_change(user=user, tip=tip, status=request.POST.get("status", ""))
        elif action == "assign":
            reporter = _reporters().filter(pk=request.POST.get("reporter") or 0).first()
            if reporter is None:
                raise services.TipError("请选择记者。")
            services.tip_assign(user=user, tip=tip, reporter=reporter)
        elif action == "note":
            services.tip_note_add(user=user, tip=tip, text=request.POST.get("text", ""))
        elif action == "reply":
            services.tip_reply(user=user, tip=tip, text=request.POST.get("text", ""))
        elif action == "link_story":
            story = StoryPage.objects.filter(pk=request.POST.get("story") or 0).first()
            if story is None:
                raise services.TipError("请选择稿件。")
            services.tip_link_story(user=user, tip=tip, story=story)
        elif action == "reveal":
            contact = services.tip_contact_reveal(user=user, tip=tip)
            # Wagtail's admin marks every response no-store; the test holds it to that.
            return render(request, "tips/desk/contact.html", {"tip": tip, "contact": contact})
        elif action == "confirm_group":
            services.tip_group_confirm(user=user, group=tip.group)
        elif action == "split":
            services.tip_group_split(user=user, tip=tip)
        else:
            raise services.TipError("未知操作。")
    except services.TipError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已保存。")
    return redirect("tips_desk:detail", tip_id=tip.pk)


@desk_or_reporter
def file(request, tip_id: int, file_id: int):
    """Send one of the tip's files to a desk user allowed to see the tip."""
    tip = selectors.access_tip(request.user, tip_id)
    f = TipFile.objects.filter(tip=tip, pk=file_id).first()
    if f is None:
        raise Http404
    response = FileResponse(tip_storage().open(f.name, "rb"), content_type=f.content_type)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@desk_only
def hotline(request):
    """Log a phone tip: the caller's number and what they said."""
    ctx: dict = {"values": {}}
    if request.method == "POST":
        ctx["values"] = request.POST
        try:
            tip, code = services.hotline_intake(
                user=request.user,
                caller_number=request.POST.get("caller_number", ""),
                caller_name=request.POST.get("caller_name", ""),
                text=request.POST.get("text", ""),
            )
        except services.TipError as exc:
            ctx["error"] = str(exc)
        else:
            ctx = {"tip": tip, "receipt": receipts.receipt_format(code), "values": {}}
    return render(request, "tips/desk/hotline.html", ctx)


@desk_only
def chat_import(request):
    """Paste or upload an exported group chat; each sender and event becomes a tip."""
    ctx: dict = {}
    if request.method == "POST":
        export = request.POST.get("export", "")
        upload = request.FILES.get("file")
        if upload is not None:
            if upload.size > 5 * 1024 * 1024:
                ctx["error"] = "文件太大：聊天记录不能超过 5 MB。"
            else:
                export = upload.read().decode("utf-8-sig", errors="replace")
        if "error" not in ctx:
            try:
                ctx["tips"] = services.group_chat_import(user=request.user, export=export)
            except services.TipError as exc:
                ctx["error"] = str(exc)
                ctx["export"] = export
    return render(request, "tips/desk/import.html", ctx)
