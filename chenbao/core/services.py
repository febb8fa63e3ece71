"""The one write path for the audit log."""

from typing import Any, Protocol

from chenbao.core.models import AuditEntry


class _AuditedMeta(Protocol):
    @property
    def label_lower(self) -> str: ...


class Audited(Protocol):
    """What the audit log reads of the object acted on: any model instance has it."""

    @property
    def pk(self) -> Any: ...

    @property
    def _meta(self) -> _AuditedMeta: ...


def audit_record(
    *, actor: Any, action: str, obj: Audited, detail: dict | None = None
) -> AuditEntry:
    """Append an audit entry saying that `actor` did `action` to `obj`."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        detail=detail or {},
    )
