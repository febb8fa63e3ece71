"""The audit trail's entries read as when, what and to which object."""

import datetime as dt

from chenbao.core.models import AuditEntry


def test_an_audit_entry_reads_as_time_action_and_object():
    entry = AuditEntry(
        at=dt.datetime(2022, 12, 2, 8, 30),
        action="tip.read",
        object_type="tips.tip",
        object_id="17",
    )
    assert str(entry) == "2022-12-02 08:30 tip.read tips.tip#17"
