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
    *,
    actor: Any,
    action: str,
    obj: Audited | None = None,
    object_type: str = "",
    object_id: str = "",
    detail: dict | None = None,
) -> AuditEntry:
    """Append an audit entry saying that `actor` did `action` to `obj`.

    An act on many rows at once, or on none left to point at (a purge), names the kind of
    object and a word for what was acted on instead: `object_type="tips.tip"`,
    `object_id="purge"`.
    """
    if obj is not None:
        object_type, object_id = obj._meta.label_lower, str(obj.pk)
    if not (object_type and object_id):
        raise ValueError("audit_record needs obj, or object_type and object_id")
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        detail=detail or {},
    )
