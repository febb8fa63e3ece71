"""The newsroom's pages for the printed page (under /admin/, URLs in wagtail_hooks.py):
the page board (版面编辑台), publishing an edition, and the proof desk (三校, 付印)."""

import json
import mimetypes

from django.contrib import messages
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from chenbao.core.access import Action, may, require, role_required
from chenbao.editions import selectors
from chenbao.editions.board import BoardError, board_context, board_request_rows, board_state
from chenbao.editions.epaper import MANIFEST, EditionInfo, edition_context, manifest_read, page_html
from chenbao.editions.grid import page_grid
from chenbao.editions.models import Edition, PrintedPage
from chenbao.editions.panels import board_for
from chenbao.editions.services.pages import page_slots_store
from chenbao.editions.services.proofs import page_send_to_print, proof_round_record
from chenbao.editions.services.publish import edition_release, print_marks
from chenbao.editions.storage import publish_storage


@require_http_methods(["GET", "POST"])
def edition_publish_view(request, edition_id: int):
    """出版. GET: what will happen; POST: lay out every page, check the gates, and publish
    when they pass, else list what blocks it (edition_release).

    The print PDFs get crop marks when the PRINT_CROP_MARKS setting says so.
    """
    require(request.user, Action.EDITION_PUBLISH, _("只有版面编辑、总编、值班总编可以出版"))
    edition = get_object_or_404(Edition, pk=edition_id)
    result = None
    if request.method == "POST":
        result = edition_release(
            edition=edition, user=request.user, base_url=request.build_absolute_uri("/")
        )
        if not result.blocked:
            messages.success(
                request,
                _("已出版 %(edition)s：排出 %(n)d 版，写入 %(files)d 个文件，已付印")
                % {"edition": edition, "n": len(result.pages), "files": len(result.written)},
            )
            if not result.problems:
                return redirect("editions_publish", edition_id=edition.pk)
    context = {"edition": edition, "result": result, "marks": print_marks()}
    return render(request, "editions/admin/publish.html", context)


@role_required(Action.PAGE_PROOFS_VIEW)
def proof_pages_view(request):
    """List the recent printed pages with their proof rounds and whether each may go to print."""
    rows = [
        {
            "page": page,
            "rounds": page.proof_rounds.all(),
            "ready": selectors.page_can_go_to_print(page),
        }
        for page in selectors.printed_pages_recent()
    ]
    context = {
        "rows": rows,
        "may_release": may(request.user, Action.PAGE_SEND_TO_PRINT),
        "may_record": may(request.user, Action.PAGE_PROOF_RECORD),
    }
    return render(request, "editions/admin/proofs.html", context)


@require_POST
def proof_record_view(request, page_id: int):
    """Record the next proof round (一校, 二校, 三校) of a printed page."""
    page = get_object_or_404(PrintedPage, pk=page_id)
    try:
        proof = proof_round_record(
            page=page, user=request.user, corrections=request.POST.get("corrections", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("已登记%(round)s") % {"round": proof.get_number_display()})
    return redirect("editions_proofs")


@require_POST
def print_release_view(request, page_id: int):
    """Send a printed page to print; the service refuses it until it is ready."""
    page = get_object_or_404(PrintedPage, pk=page_id)
    try:
        page_send_to_print(page=page, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(page)s 已签发付印") % {"page": page})
    return redirect("editions_proofs")


@role_required(Action.PAGE_LAYOUT)
def page_board_view(request, page_id: int):
    """The page board: the page's current layout as slots, beside its rendered image."""
    page = get_object_or_404(PrintedPage.objects.select_related("edition"), pk=page_id)
    state = board_state(page, base_url=request.build_absolute_uri("/"))
    context = {"page": page, "state": state.as_json(), "board": board_for(page_grid())}
    return render(request, "editions/admin/board.html", context)


def _json_body(request) -> object:
    try:
        return json.loads(request.body or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BoardError(_("版位数据格式不对")) from error


@require_POST
@role_required(Action.PAGE_LAYOUT)
def page_board_preview_view(request, page_id: int):
    """Re-flow the page with the board's slots (unsaved) and return the new state."""
    page = get_object_or_404(PrintedPage.objects.select_related("edition"), pk=page_id)
    try:
        state = board_state(
            page, data=_json_body(request), base_url=request.build_absolute_uri("/")
        )
    except BoardError as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse(state.as_json())


@require_POST
@role_required(Action.PAGE_LAYOUT)
def page_board_save_view(request, page_id: int):
    """Save the board's slots as the page's layout ({"automatic": true}: back to automatic)."""
    page = get_object_or_404(PrintedPage.objects.select_related("edition"), pk=page_id)
    try:
        rows = board_request_rows(_json_body(request), page, board_context(page))
    except BoardError as error:
        return JsonResponse({"error": str(error)}, status=400)
    page_slots_store(page=page, rows=rows, user=request.user)
    return JsonResponse({"saved": len(rows), "automatic": not rows})


@role_required(Action.PAGE_PROOFS_VIEW, Action.EDITION_PUBLISH)
def edition_preview_view(request, edition_id: int, number: str):
    """An e-paper page as readers will see it, for the newsroom, also while the edition is
    not finished and so not public (decision 0020): read from the published manifest, with
    its images and PDFs through `edition_preview_file_view` (readers cannot fetch them)."""
    edition = get_object_or_404(Edition, pk=edition_id)
    folder = edition.date.isoformat()
    manifest = manifest_read(publish_storage(), folder)
    if manifest is None:
        messages.warning(request, _("这一期还没有渲染：请先出版或渲染后再预览。"))
        return redirect("editions_publish", edition_id=edition.pk)
    entries = [manifest["pages"][n] for n in sorted(manifest["pages"])]

    def file_url(path: str) -> str:
        return reverse("editions_preview_file", args=[edition.pk, path.rsplit("/", 1)[-1]])

    context = edition_context(EditionInfo.from_manifest(manifest), folder, entries, file_url)
    html = page_html(context, number, preview=not manifest.get("finished", True))
    if html is None:
        raise Http404("no such page")
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    return _private(response)


@role_required(Action.PAGE_PROOFS_VIEW, Action.EDITION_PUBLISH)
def edition_preview_file_view(request, edition_id: int, name: str):
    """A file (page image, PDF) of an edition's e-paper for the newsroom's preview."""
    edition = get_object_or_404(Edition, pk=edition_id)
    if name.startswith(".") or name == MANIFEST:
        raise Http404("not a page file")
    try:
        handle = publish_storage().open(f"{edition.date.isoformat()}/{name}", "rb")
    except (OSError, SuspiciousFileOperation) as exc:
        raise Http404("no such file") from exc
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=kind)
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)


def _private(response: HttpResponseBase) -> HttpResponseBase:
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
