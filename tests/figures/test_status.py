"""chenbao.figures.status: a pledge's status proposed from its evidence."""

import datetime as dt
from decimal import Decimal as D

import pytest

from chenbao.figures import status as s

TODAY = dt.date(2023, 6, 1)


@pytest.mark.parametrize(
    ("pledged", "reported", "deadline", "last", "expected"),
    [
        (D(200), D(217), dt.date(2023, 12, 31), TODAY, s.EXCEEDED),
        (D(200), D(200), dt.date(2023, 12, 31), TODAY, s.KEPT),
        (D(200), D(120), dt.date(2023, 12, 31), TODAY, s.IN_PROGRESS),
        (D(200), D(120), dt.date(2023, 12, 31), dt.date(2022, 10, 1), s.STALLED),
        (D(200), D(120), dt.date(2023, 1, 31), TODAY, s.PARTLY_KEPT),
        (D(200), D(40), dt.date(2023, 1, 31), TODAY, s.BROKEN),
        (D(200), None, dt.date(2023, 1, 31), None, s.NOT_RATED),
        (None, D(40), None, TODAY, s.NOT_RATED),
    ],
)
def test_propose(pledged, reported, deadline, last, expected):
    proposal = s.propose(
        pledged=pledged, reported=reported, deadline=deadline, today=TODAY, last_evidence=last
    )
    assert proposal.status == expected
    assert proposal.label == s.STATUS_LABELS[expected]


def test_progress_of_an_exceeded_pledge():
    proposal = s.propose(pledged=D(200), reported=D(217), deadline=None, today=TODAY)
    assert proposal.progress == pytest.approx(1.085)


def test_overdue():
    past = dt.date(2023, 1, 1)
    assert s.overdue(deadline=past, status=s.NOT_RATED, has_evidence=False, today=TODAY)
    assert s.overdue(deadline=past, status=s.IN_PROGRESS, has_evidence=False, today=TODAY)
    assert not s.overdue(deadline=past, status=s.KEPT, has_evidence=True, today=TODAY)
    assert not s.overdue(deadline=TODAY, status=s.NOT_RATED, has_evidence=False, today=TODAY)
    assert not s.overdue(deadline=None, status=s.NOT_RATED, has_evidence=False, today=TODAY)
