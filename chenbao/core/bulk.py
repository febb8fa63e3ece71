"""Rows inserted by the thousand, for the bulk writes of the archive import.

Django's `bulk_create` builds a model instance per row and prepares every value through the
query compiler: at a million stories that is most of the import's time. `rows_insert`
takes plain dicts (column attname → Python value) and runs one `executemany` per batch;
values are prepared by their field only where the driver would not take the Python value as
it is (dates and times, JSON, UUIDs, decimals). It writes rows, not models: no `save()`, no
signals, no defaults filled in — the caller gives every column the table needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection, models

BATCH = 500
_PLAIN = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
    models.AutoField,
)


def rows_insert(model: type[models.Model], rows: Sequence[dict], batch: int = BATCH) -> None:
    """Insert `rows` into `model`'s own table (a child table's own columns only)."""
    if not rows:
        return
    names = list(rows[0])
    by_attname = {f.attname: f for f in model._meta.local_concrete_fields}
    fields = [by_attname[name] for name in names]
    columns = ", ".join(connection.ops.quote_name(f.column or f.attname) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) "
        f"VALUES ({marks})"
    )
    plain = [_is_plain(f) for f in fields]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            cursor.executemany(
                sql, list(_values(rows[start : start + batch], names, fields, plain))
            )


def _is_plain(field) -> bool:
    return isinstance(field, _PLAIN) and not isinstance(field, models.JSONField)


def _values(rows: Iterable[dict], names: list[str], fields: list, plain: list[bool]):
    for row in rows:
        yield tuple(
            row[name]
            if is_plain or row[name] is None
            else field.get_db_prep_save(row[name], connection)
            for name, field, is_plain in zip(names, fields, plain, strict=True)
        )
