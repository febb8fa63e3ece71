"""Rows inserted by the thousand: plain dicts into a model's table, values prepared by field."""

import datetime as dt

import pytest

from chenbao.core.bulk import rows_insert
from chenbao.core.models import AuditEntry
from chenbao.core.roles import REPORTER
from tests.factories import user_make

pytestmark = pytest.mark.django_db

AT = dt.datetime(2022, 12, 2, 8, 30, tzinfo=dt.UTC)


def row(n: int, **changes) -> dict:
    return {
        "at": AT + dt.timedelta(minutes=n),
        "actor_id": None,
        "action": "story.import",
        "object_type": "stories.storypage",
        "object_id": str(n),
        "detail": {"页": "A02", "n": n},
        **changes,
    }


def test_rows_are_stored_with_dates_json_and_links_as_given_across_batches():
    user = user_make(REPORTER)
    rows_insert(
        AuditEntry, [row(n, actor_id=user.pk if n == 2 else None) for n in range(5)], batch=2
    )
    entries = {e.object_id: e for e in AuditEntry.objects.all()}
    assert sorted(entries) == ["0", "1", "2", "3", "4"]
    assert entries["3"].at == AT + dt.timedelta(minutes=3)
    assert entries["3"].detail == {"页": "A02", "n": 3}
    assert entries["2"].actor == user and entries["1"].actor is None


def test_no_rows_insert_nothing():
    rows_insert(AuditEntry, [])
    assert not AuditEntry.objects.exists()


def test_a_column_the_model_does_not_have_is_refused():
    with pytest.raises(KeyError):
        rows_insert(AuditEntry, [row(1, nonsense=1)])
