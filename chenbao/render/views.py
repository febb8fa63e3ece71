"""The newsroom's publish button: publish an edition's e-paper and print PDFs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chenbao.core.access import Action, require
from chenbao.editions.models import Edition
from chenbao.render.services import edition_publish, print_marks


@login_required
@require_http_methods(["GET", "POST"])
def edition_publish_view(request, edition_id: int):
    """GET: confirm; POST: publish the edition and show what was written and any problems.

    The print PDFs get crop marks when the PRINT_CROP_MARKS setting says so.
    """
    require(request.user, Action.EDITION_PUBLISH, _("只有版面编辑可以发布数字报"))
    edition = get_object_or_404(Edition, pk=edition_id)
    result = None
    if request.method == "POST":
        result = edition_publish(
            edition=edition,
            base_url=request.build_absolute_uri("/"),
            user=request.user,
            force=bool(request.POST.get("force")),
        )
        rendered = [p.number for p in result.pages if p.rendered]
        messages.success(
            request,
            _("已发布 %(edition)s：重排 %(n)d 版，写入 %(files)d 个文件")
            % {"edition": edition, "n": len(rendered), "files": len(result.written)},
        )
        if not result.problems:
            return redirect("render_edition_publish", edition_id=edition.pk)
    context = {"edition": edition, "result": result, "marks": print_marks()}
    return render(request, "render/publish.html", context)
