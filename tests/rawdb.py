"""The database as it is stored: for tests that look for plaintext at rest."""

from django.db import connection


def all_rows_as_text() -> str:
    """Return every row of every table, as the database holds it."""
    out = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            out.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(out)
