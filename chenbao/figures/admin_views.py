"""The desk's page in the newsroom (/admin/figures/): figures to confirm, 逾期待核, ratings."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chenbao.core.access import Action, role_required
from chenbao.figures import selectors, services
from chenbao.figures.models import FigureState, Indicator, Pledge, StoryFigure
from chenbao.figures.status import STATUS_LABELS

MAX_CSV_BYTES = 1_000_000


def _pk(request, name: str) -> int:
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise Http404(name)
    return int(value)


def _decide(request) -> None:
    """A figure confirmed (into the chosen indicator) or rejected, or a pledge rated."""
    if "figure" in request.POST:
        figure = get_object_or_404(StoryFigure, pk=_pk(request, "figure"))
        if request.POST.get("decision") == "reject":
            services.figure_reject(figure=figure, user=request.user)
            return
        chosen = request.POST.get("indicator") and _pk(request, "indicator")
        indicator = get_object_or_404(Indicator, pk=chosen) if chosen else None
        services.figure_confirm(figure=figure, indicator=indicator, user=request.user)
    elif "pledge" in request.POST:
        services.pledge_status_set(
            pledge=get_object_or_404(Pledge, pk=_pk(request, "pledge")),
            status=request.POST.get("status", ""),
            note=request.POST.get("note", ""),
            user=request.user,
        )


@role_required(Action.FIGURES_DESK)
def desk(request):
    """Confirm or reject suggested figures; rate pledges with evidence; see what is overdue."""
    if request.method == "POST":
        try:
            _decide(request)
            messages.success(request, _("已保存"))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return redirect(request.path)
    today = timezone.localdate()
    pending = StoryFigure.objects.filter(state=FigureState.SUGGESTED).select_related(
        "story", "indicator"
    )[:100]
    pledges = [(p, selectors.pledge_proposal(p, today)) for p in Pledge.objects.all()[:200]]
    return render(
        request,
        "figures/desk.html",
        {
            "pending": pending,
            "pledges": pledges,
            "overdue": selectors.pledges_overdue(today),
            "statuses": STATUS_LABELS.items(),
            "indicators": Indicator.objects.order_by("place", "name"),
            "header_title": _("数据与承诺"),
        },
    )


@role_required(Action.FIGURES_CHECK)
def story_check(request, pk: int):
    """数据核对: the draft's figures beside their indicators, contradictions flagged."""
    from chenbao.stories.models import StoryPage

    story = get_object_or_404(StoryPage, pk=pk)
    draft = story.get_latest_revision_as_object()
    checked = selectors.story_check(draft, selectors.story_text(draft))
    return render(
        request,
        "figures/story_check.html",
        {
            "story": story,
            "checked": checked,
            "warnings": sum(1 for c in checked if c.warning),
            "header_title": _("数据核对：%s") % draft.title,
        },
    )


@role_required(Action.FIGURES_DESK)
@require_POST
def indicator_new(request):
    """A new indicator (a series with a place and a unit) from the desk's form."""
    try:
        services.indicator_create(
            name=request.POST.get("name", ""),
            place=request.POST.get("place", ""),
            unit=request.POST.get("unit", ""),
            user=request.user,
        )
        messages.success(request, _("已建指标"))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("figures_desk")


@role_required(Action.FIGURES_DESK)
@require_POST
def pledges_import(request):
    """A government list of pledges (CSV), all or nothing."""
    upload = request.FILES.get("file")
    try:
        if upload is None or upload.size > MAX_CSV_BYTES:
            raise ValidationError(_("请选择不超过 1 MB 的 CSV 文件"))
        pledges = services.pledges_import_csv(
            data=upload.read(), source=request.POST.get("source", ""), user=request.user
        )
        messages.success(request, _("已导入 %d 项承诺") % len(pledges))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("figures_desk")


@role_required(Action.FIGURES_DESK)
@require_POST
def pledge_from_figure(request):
    """登记为承诺: a target a story printed becomes a pledge, its owner and deadline given."""
    chosen = request.POST.get("figure", "")
    figure = StoryFigure.objects.filter(pk=int(chosen) if chosen.isdigit() else 0).first()
    try:
        if figure is None or figure.kind != "target":
            raise ValidationError(_("只有稿件里的目标数据可以登记为承诺"))
        deadline = services.parse_date(request.POST.get("deadline", ""))
        services.pledge_create(
            title=f"{figure.period}{figure.phrase}{figure.text}"[:200],
            owner=request.POST.get("owner", ""),
            place=figure.place or settings.CHENBAO["FIGURES_HOME_PLACE"],
            deadline=deadline,
            target_value=figure.value,
            unit=figure.unit,
            indicator=figure.indicator,
            source_figure=figure,
            source=figure.story.title,
            user=request.user,
        )
        messages.success(request, _("已登记为承诺"))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("figures_desk")
