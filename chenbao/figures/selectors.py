"""Reads for figures, indicators and pledges; public reads leave withdrawn stories out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Exists, OuterRef, QuerySet

from chenbao.figures import status as pledge_status
from chenbao.figures.models import FigureState, Indicator, Pledge, StoryFigure
from chenbao.stories.models import StoryWithdrawal

SIMILAR = 0.6


def story_text(story) -> str:
    """The text the extractor reads: dateline, then paragraphs and subheads, one a line."""
    return story_text_of(story.dateline, [(b.block_type, b.value) for b in story.body])


def story_text_of(dateline: str, body) -> str:
    """The same from a dateline and (block type, value) pairs, as importers hold a story."""
    lines = [f"{dateline}讯" if dateline and not dateline.endswith(("讯", "电")) else dateline]
    lines += [str(value).strip() for kind, value in body if kind in ("paragraph", "subhead")]
    return "\n".join(line for line in lines if line)


class IndicatorIndex:
    """Indicators by (place, unit), read once, to suggest one for each figure of a batch."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, str], list[Indicator]] = {}
        for indicator in Indicator.objects.all():
            self._by_key.setdefault((indicator.place, indicator.unit), []).append(indicator)

    def best(self, *, phrase: str, place: str, unit: str) -> Indicator | None:
        """The indicator a figure most likely measures: same place and unit, a similar phrase."""
        if not phrase:
            return None
        best, best_score = None, SIMILAR
        for indicator in self._by_key.get((place, unit), ()):
            score = SequenceMatcher(None, phrase, indicator.name).ratio()
            if indicator.name in phrase or phrase in indicator.name:
                score = max(score, 0.9)
            if score >= best_score:
                best, best_score = indicator, score
        return best


def indicator_suggest(*, phrase: str, place: str, unit: str) -> Indicator | None:
    return IndicatorIndex().best(phrase=phrase, place=place, unit=unit)


def public_figures() -> QuerySet[StoryFigure]:
    """Confirmed figures of live stories that were not withdrawn: what readers may see."""
    withdrawn = StoryWithdrawal.objects.filter(story_id=OuterRef("story_id"))
    return (
        StoryFigure.objects.filter(state=FigureState.CONFIRMED, story__live=True)
        .exclude(Exists(withdrawn))
        .select_related("story")
    )


@dataclass(frozen=True)
class Point:
    figure: StoryFigure
    date: dt.date


def indicator_timeline(indicator: Indicator) -> list[Point]:
    """The indicator's values in the order the paper printed them, with story and date."""
    points = [
        Point(f, (f.story.first_published_at or f.story.latest_revision_created_at).date())
        for f in public_figures().filter(indicator=indicator)
    ]
    return sorted(points, key=lambda p: (p.date, p.figure.story_id, p.figure.start))


def pledge_proposal(pledge: Pledge, today: dt.date) -> pledge_status.Proposal:
    """The status the latest public evidence points to (the editor decides)."""
    reported = None
    last = None
    if pledge.indicator_id:
        timeline = [p for p in indicator_timeline(pledge.indicator) if p.figure.kind != "target"]
        if timeline:
            reported, last = timeline[-1].figure.value, timeline[-1].date
    return pledge_status.propose(
        pledged=pledge.target_value,
        reported=reported,
        deadline=pledge.deadline,
        today=today,
        last_evidence=last,
    )


def pledges_overdue(today: dt.date) -> list[Pledge]:
    """逾期待核: past the deadline, not rated or with no evidence cited."""
    pledges = Pledge.objects.filter(deadline__lt=today).prefetch_related("events")
    return [
        p
        for p in pledges
        if pledge_status.overdue(
            deadline=p.deadline,
            status=p.status,
            has_evidence=any(e.evidence_id for e in p.events.all()),
            today=today,
        )
    ]


@dataclass(frozen=True)
class Contradiction:
    figure: StoryFigure
    earlier: StoryFigure
    reason: str


def story_contradictions(story) -> list[Contradiction]:
    """A reviewer's aid: figures of `story` that contradict their indicator's printed record.

    A cumulative total smaller than one already printed, or a target that differs from the
    target printed before, is shown beside the figure at 初审/复审.
    """
    out = []
    figures = story.figures.exclude(state=FigureState.REJECTED).exclude(indicator=None)
    for figure in figures.select_related("indicator"):
        earlier = (
            public_figures()
            .filter(indicator=figure.indicator_id)
            .exclude(story_id=story.pk)
            .order_by("-story__first_published_at")
        )
        if figure.kind == "target":
            before = earlier.filter(kind="target").first()
            if before is not None and before.value != figure.value:
                out.append(
                    Contradiction(figure, before, f"目标与此前报道不同：此前为 {before.text}")
                )
        elif figure.cumulative or figure.kind == "figure":
            before = earlier.filter(cumulative=True).order_by("-value").first()
            if figure.cumulative and before is not None and figure.value < before.value:
                out.append(Contradiction(figure, before, f"累计数小于此前已报道的 {before.text}"))
    return out


def epaper_page_of(story_id: int):
    """The printed page a story ran on (for 'see it on the e-paper'), or None."""
    from chenbao.editions.models import StoryPlacement

    placement = (
        StoryPlacement.objects.filter(story_id=story_id).select_related("page__edition").first()
    )
    return placement.page if placement else None


def pledges_public() -> QuerySet[Pledge]:
    return Pledge.objects.select_related("indicator").order_by("place", "owner", "deadline", "pk")


def pledge_events_public(pledge: Pledge):
    """The pledge's timeline; evidence from a withdrawn story is not shown to readers."""
    events = list(pledge.events.select_related("evidence__story"))
    shown = set(
        public_figures()
        .filter(pk__in=[e.evidence_id for e in events if e.evidence_id])
        .values_list("pk", flat=True)
    )
    return [(e, e.evidence if e.evidence_id in shown else None) for e in events]


def story_figures_public(story) -> list[StoryFigure]:
    """A story's confirmed figures that belong to an indicator (此数据历次报道)."""
    return list(
        public_figures().filter(story=story).exclude(indicator=None).select_related("indicator")
    )
