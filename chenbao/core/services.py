"""The one write path for the audit log."""

from typing import Any

from django.db import models

from chenbao.core.models import AuditEntry


def audit_record(
    *, actor: Any, action: str, obj: models.Model, detail: dict | None = None
) -> AuditEntry:
    """Append an audit entry saying that `actor` did `action` to `obj`."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        detail=detail or {},
    )
