"""Reads for figures, indicators and pledges; public reads leave withdrawn stories out."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from chenbao.figures import status as pledge_status
from chenbao.figures.extract import story_text_of
from chenbao.figures.models import FigureState, Indicator, Pledge, StoryFigure
from chenbao.stories.models import StoryWithdrawal

SIMILAR = 0.6


__all__ = ["story_text", "story_text_of"]  # story_text_of lives in the pure extractor


def story_text(story) -> str:
    """The text the extractor reads: dateline, then paragraphs and subheads, one a line."""
    return story_text_of(story.dateline, [(b.block_type, b.value) for b in story.body])


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
    if pledge.indicator is not None:
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
        public_figures()
        .filter(story=story)
        .exclude(indicator=None)
        .select_related("indicator")
        .prefetch_related("indicator__pledges")
    )


@dataclass(frozen=True)
class Checked:
    """A figure of a story under review, its likely indicator, and what contradicts it."""

    figure: Any  # chenbao.figures.extract.Figure
    indicator: Indicator | None
    last: StoryFigure | None  # the indicator's latest printed value of the same kind
    warning: str


def story_check(story, text: str | None = None) -> list[Checked]:
    """A reviewer's aid at 初审/复审: each figure of the draft beside its indicator's record.

    Warns when a cumulative total is smaller than one already printed, or when a target
    differs from the target printed before without the story saying it changed (调整/调为).
    Reads the draft's text (the latest revision); writes nothing.
    """
    from django.conf import settings

    from chenbao.figures.extract import dateline_place, extract

    text = story_text(story) if text is None else text
    home = dateline_place(text)
    city = home or settings.CHENBAO["FIGURES_HOME_PLACE"]
    index = IndicatorIndex()
    out = []
    for figure in extract(text, place=home):
        place = city if figure.place in ("", "全市", "本市", "我市") else figure.place
        indicator = index.best(phrase=figure.indicator, place=place, unit=figure.unit)
        last, warning = None, ""
        if indicator is not None:
            printed = public_figures().filter(indicator=indicator).exclude(story_id=story.pk)
            printed = printed.order_by("-story__first_published_at", "-pk")
            if figure.kind == "target":
                last = printed.filter(kind="target").first()
                said = re.search(r"调整|调为|调高|调低|修订|提高目标|下调|上调", text)
                if last is not None and last.value != Decimal(str(figure.value)) and not said:
                    warning = f"目标与此前报道不同（此前：{last.text}），稿中未说明调整"
            elif figure.cumulative:
                last = printed.filter(cumulative=True).order_by("-value").first()
                if last is not None and Decimal(str(figure.value)) < last.value:
                    warning = f"累计数小于此前已报道的 {last.text}"
            else:
                last = printed.exclude(kind="target").first()
        out.append(Checked(figure, indicator, last, warning))
    return out
