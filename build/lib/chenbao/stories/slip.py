"""The review slip (审稿单) as a one-page PDF, typeset by Typst."""

import json
from pathlib import Path

import typst
from django.conf import settings
from django.utils import timezone

from chenbao.stories.models import ReviewDecision, ReviewLevel

TEMPLATE = Path(__file__).parent / "typst" / "review_slip.typ"
# The slip must stay one page: each level prints its latest decisions with opinions cut
# to a few lines; the full record stays in the system (and says so on the slip).
OPINION_LIMIT = 120
ENTRIES_PER_LEVEL = 3


def slip_data(*, story, entries) -> dict:
    """Return the plain data the slip template prints."""
    levels = []
    for level in ReviewLevel:
        mine = [e for e in entries if e.level == level]
        last = mine[-1] if mine else None
        levels.append(
            {
                "label": str(level.label),
                "summary": (
                    f"{last.get_decision_display()}（{last.reviewer_name}）" if last else "待审"
                ),
                "entries": [
                    {
                        "decision": str(e.get_decision_display()),
                        "opinion": _clip(e.opinion or "—"),
                        "reviewer": e.reviewer_name,
                        "at": timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M"),
                    }
                    for e in mine[-ENTRIES_PER_LEVEL:]
                ],
                "earlier": max(0, len(mine) - ENTRIES_PER_LEVEL),
            }
        )
    passed = (
        entries
        and entries[-1].level == ReviewLevel.FINAL
        and (entries[-1].decision == ReviewDecision.PASS)
    )
    owner = story.owner
    return {
        "paper": settings.CHENBAO["PAPER_NAME"],
        "id": str(story.pk),
        "section": story.get_parent().title if story.get_parent() else "",
        "kicker": story.kicker or "—",
        "headline": story.title,
        "subtitle": story.subtitle or "—",
        "author": (owner.get_full_name() or owner.get_username()) if owner else "—",
        "chars": str(sum(len(str(b.value)) for b in story.body if b.block_type != "image")),
        "status": "已通过终审" if passed else "审稿中",
        "levels": levels,
        "printed_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    }


def review_slip_pdf(*, story, entries) -> bytes:
    """Return the story's review slip as PDF bytes (one A4 page)."""
    data = json.dumps(slip_data(story=story, entries=entries), ensure_ascii=False)
    return typst.compile(TEMPLATE.read_bytes(), sys_inputs={"data": data})


def _clip(text: str) -> str:
    return text if len(text) <= OPINION_LIMIT else text[: OPINION_LIMIT - 1] + "…"
