"""The one write path for figures, indicators and pledges (docs/figures.md)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from chenbao.core.access import Action, require
from chenbao.core.services import audit_record
from chenbao.figures import status as pledge_status
from chenbao.figures.extract import dateline_place, extract
from chenbao.figures.models import FigureState, Indicator, Pledge, PledgeEvent, StoryFigure
from chenbao.figures.selectors import IndicatorIndex, story_text

MAX_CSV_ROWS = 2000


@transaction.atomic
def story_figures_extract(*, story) -> list[StoryFigure]:
    """Read one story's figures again (on publish and correction); see `stories_figures_extract`."""
    stories_figures_extract(story_ids=[story.pk])
    return list(StoryFigure.objects.filter(story_id=story.pk, state=FigureState.SUGGESTED))


@transaction.atomic
def stories_figures_extract(
    *,
    story_ids: list[int],
    texts: dict[int, str] | None = None,
    found: dict[int, list] | None = None,
) -> int:
    """Read the figures of many stories (import, bulk import) in a few queries; return how many.

    `texts` (story id → text from `story_text_of`) saves reading the bodies back when the
    caller has them, as the bulk import does; `found` (story id → `extract`'s figures of that
    text) saves reading them, as the bulk import's parsing processes have. Figures the desk confirmed, rejected or
    corrected are kept as decided; the rest are replaced by what the extractor reads now,
    each with a suggested indicator (same place and unit, a similar phrase). Withdrawn
    stories are read too: the selectors keep their figures off the public timelines.
    """
    from chenbao.core.bulk import rows_insert
    from chenbao.stories.models import StoryPage

    if not story_ids:
        return 0
    StoryFigure.objects.filter(story_id__in=story_ids, state=FigureState.SUGGESTED).delete()
    decided: dict[int, list[tuple[int, int]]] = {}
    for story_id, start, end in StoryFigure.objects.filter(story_id__in=story_ids).values_list(
        "story_id", "start", "end"
    ):
        decided.setdefault(story_id, []).append((start, end))
    if texts is None:
        texts = {
            story.pk: story_text(story)
            for story in StoryPage.objects.filter(pk__in=story_ids).only("pk", "dateline", "body")
        }
    suggest = IndicatorIndex()
    city = settings.CHENBAO["FIGURES_HOME_PLACE"]
    rows = []
    for story_id, text in texts.items():
        taken = decided.get(story_id, [])
        home = dateline_place(text) or city
        read = found.get(story_id) if found else None
        if read is None:
            read = extract(text, place=dateline_place(text))
        for figure in read:
            if any(a < figure.end and figure.start < b for a, b in taken) or _too_large(figure):
                continue
            # 全市 in a story from 淄博 is 淄博: indicators are kept under the place's name;
            # a story that names no place is about the paper's own city
            place = home if figure.place in ("", "全市", "本市", "我市") else figure.place
            indicator = suggest.best(phrase=figure.indicator, place=place, unit=figure.unit)
            rows.append(_row(story_id, figure, indicator.pk if indicator else None))
    rows_insert(StoryFigure, rows)
    return len(rows)


def _too_large(found) -> bool:
    """A misprint such as 9999万亿亿 would not fit the column: not stored, never a failed publish."""
    limit = 10**19
    return abs(found.value) >= limit or (found.upper is not None and abs(found.upper) >= limit)


def _row(story_id: int, found, indicator_id: int | None) -> dict:
    return {
        "story_id": story_id,
        "start": found.start,
        "end": found.end,
        "text": found.text[:80],
        "value": Decimal(str(found.value)),
        "upper": None if found.upper is None else Decimal(str(found.upper)),
        "unit": found.unit,
        "qualifier": found.qualifier,
        "phrase": found.indicator[:80],
        "place": found.place[:60],
        "period": found.period[:40],
        "kind": found.kind,
        "cumulative": found.cumulative,
        "indicator_id": indicator_id,
        "state": FigureState.SUGGESTED.value,
        "extracted": {},
        "corrected": False,
    }


@transaction.atomic
def indicator_create(*, name: str, place: str, unit: str, user, description: str = "") -> Indicator:
    require(user, Action.FIGURES_DESK, _("只有数据编辑可以建指标"))
    name, place, unit = name.strip(), place.strip(), unit.strip()
    if not name or not place or not unit:
        raise ValidationError(_("指标、地方和单位都要填写"))
    base = slugify(f"{place}-{name}", allow_unicode=True)[:70] or "indicator"
    slug, n = base, 1
    while Indicator.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    indicator, _created = Indicator.objects.get_or_create(
        name=name, place=place, unit=unit, defaults={"slug": slug, "description": description}
    )
    audit_record(actor=user, action="figures.indicator_create", obj=indicator)
    return indicator


@transaction.atomic
def figure_confirm(*, figure: StoryFigure, indicator: Indicator | None, user) -> StoryFigure:
    """The desk confirms a figure, attached to `indicator` (or to none)."""
    require(user, Action.FIGURES_DESK, _("只有数据编辑可以确认数据"))
    if indicator is not None and indicator.unit != figure.unit:
        raise ValidationError(
            _("单位不一致：数据是“%(a)s”，指标是“%(b)s”") % {"a": figure.unit, "b": indicator.unit}
        )
    figure.indicator = indicator
    figure.state = FigureState.CONFIRMED
    figure.decided_by, figure.decided_at = user, timezone.now()
    figure.save()
    audit_record(actor=user, action="figures.figure_confirm", obj=figure)
    return figure


@transaction.atomic
def figure_reject(*, figure: StoryFigure, user) -> StoryFigure:
    """Not a figure after all (a date read as a count): kept, to measure the extractor."""
    require(user, Action.FIGURES_DESK, _("只有数据编辑可以确认数据"))
    figure.state, figure.indicator = FigureState.REJECTED, None
    figure.decided_by, figure.decided_at = user, timezone.now()
    figure.save()
    audit_record(actor=user, action="figures.figure_reject", obj=figure)
    return figure


CORRECTABLE = ("value", "unit", "qualifier", "phrase", "place", "period", "kind")


@transaction.atomic
def figure_correct(*, figure: StoryFigure, user, **fields) -> StoryFigure:
    """Correct what the extractor read; the extracted reading stays in `extracted`."""
    require(user, Action.FIGURES_DESK, _("只有数据编辑可以更正数据"))
    unknown = set(fields) - set(CORRECTABLE)
    if unknown:
        raise ValidationError(_("不能更正这些项：%s") % "、".join(sorted(unknown)))
    if "kind" in fields and fields["kind"] not in {"figure", "target", "ranking", "change"}:
        raise ValidationError(_("类型只能是数据、目标、排名或增减"))
    if "value" in fields:
        fields["value"] = _decimal(fields["value"], _("数值"))
    if not figure.corrected:  # the extractor's reading, kept to measure it
        figure.extracted = {name: str(getattr(figure, name)) for name in CORRECTABLE}
    for name, value in fields.items():
        setattr(figure, name, value)
    figure.corrected = True
    figure.state = FigureState.CONFIRMED
    figure.decided_by, figure.decided_at = user, timezone.now()
    figure.full_clean(exclude=["story", "indicator", "decided_by"])
    figure.save()
    audit_record(
        actor=user, action="figures.figure_correct", obj=figure, detail={"fields": sorted(fields)}
    )
    return figure


def _decimal(value, label: str) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation as exc:
        raise ValidationError(_("%(label)s“%(v)s”不是数字") % {"label": label, "v": value}) from exc
    if not number.is_finite() or abs(number) >= Decimal(10) ** 19:
        raise ValidationError(_("%(label)s“%(v)s”超出范围") % {"label": label, "v": value})
    return number


@transaction.atomic
def pledge_create(
    *,
    title: str,
    owner: str,
    place: str,
    user,
    deadline: dt.date | None = None,
    target_value=None,
    unit: str = "",
    indicator: Indicator | None = None,
    source_figure: StoryFigure | None = None,
    source: str = "",
) -> Pledge:
    require(user, Action.FIGURES_DESK, _("只有数据编辑可以登记承诺"))
    if not title.strip() or not owner.strip() or not place.strip():
        raise ValidationError(_("承诺、责任单位和地方都要填写"))
    pledge = Pledge.objects.create(
        title=title.strip()[:200],
        owner=owner.strip()[:100],
        place=place.strip()[:60],
        deadline=deadline,
        target_value=None if target_value in (None, "") else _decimal(target_value, _("承诺数值")),
        unit=unit.strip()[:20],
        indicator=indicator,
        source_figure=source_figure,
        source=source.strip()[:200],
    )
    PledgeEvent.objects.create(
        pledge=pledge, status=pledge.status, note=_("登记承诺"), evidence=source_figure, user=user
    )
    audit_record(actor=user, action="figures.pledge_create", obj=pledge)
    return pledge


@transaction.atomic
def pledge_status_set(
    *, pledge: Pledge, status: str, note: str, user, evidence: StoryFigure | None = None
) -> PledgeEvent:
    """An editor rates a pledge, citing the evidence; every change stays in the timeline."""
    require(user, Action.FIGURES_DESK, _("只有数据编辑可以评定承诺"))
    if status not in pledge_status.STATUS_LABELS:
        raise ValidationError(_("没有这种状态：%s") % status)
    note = note.strip()
    if status != pledge_status.NOT_RATED and not note and evidence is None:
        raise ValidationError(_("评定承诺须写明依据或引用报道数据"))
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    pledge.status = status
    pledge.save(update_fields=["status"])
    event = PledgeEvent.objects.create(
        pledge=pledge, status=status, note=note, evidence=evidence, user=user
    )
    audit_record(actor=user, action="figures.pledge_status", obj=pledge, detail={"status": status})
    return event


CSV_COLUMNS = ("承诺", "责任单位", "地方", "期限", "承诺数值", "单位")


@transaction.atomic
def pledges_import_csv(*, data: bytes, source: str, user) -> list[Pledge]:
    """A government list (e.g. a year's 民生实事) from CSV; any bad row stores nothing."""
    require(user, Action.FIGURES_DESK, _("只有数据编辑可以导入承诺"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("CSV 不是 UTF-8 编码，请另存为 UTF-8 后再导入")) from exc
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CSV_COLUMNS[:3] if c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError(_("CSV 缺少列：%s") % "、".join(missing))
    rows = list(reader)
    if len(rows) > MAX_CSV_ROWS:
        raise ValidationError(_("一次最多导入 %d 条承诺") % MAX_CSV_ROWS)
    errors, pledges = [], []
    for number, row in enumerate(rows, start=2):
        try:
            deadline = parse_date(row.get("期限") or "")
            pledges.append(
                pledge_create(
                    title=row.get("承诺") or "",
                    owner=row.get("责任单位") or "",
                    place=row.get("地方") or "",
                    deadline=deadline,
                    target_value=row.get("承诺数值") or None,
                    unit=row.get("单位") or "",
                    source=source,
                    user=user,
                )
            )
        except ValidationError as exc:
            errors.append(_("第 %(n)d 行：%(e)s") % {"n": number, "e": "；".join(exc.messages)})
    if errors:
        transaction.set_rollback(True)
        raise ValidationError(errors)
    return pledges


def parse_date(text: str) -> dt.date | None:
    """A deadline as the desk types it (YYYY-MM-DD), or None when empty."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(_("期限“%s”不是 YYYY-MM-DD 格式的日期") % text) from exc
