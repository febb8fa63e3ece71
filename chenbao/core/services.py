"""The one write path for the audit log."""

import secrets
from typing import Any, Protocol

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

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


# --- the second factor (TOTP and recovery codes, django-otp) --------------------------------

RECOVERY_CODES = 10


@transaction.atomic
def totp_device_start(*, user) -> TOTPDevice:
    """Begin enrolling `user`'s authenticator app: a new unconfirmed TOTP device (any earlier
    unconfirmed one is dropped)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user, token: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm the enrolment with a code from the app; return the device and new recovery
    codes, or None when the code is wrong (or no enrolment was begun)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None or not device.verify_token(_digits(token)):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _recovery_codes_replace(user)
    audit_record(actor=user, action="user.totp_confirm", obj=user, detail={})
    return device, codes


@transaction.atomic
def recovery_codes_renew(*, user) -> list[str]:
    """Replace `user`'s recovery codes with new ones (the old stop working)."""
    codes = _recovery_codes_replace(user)
    audit_record(actor=user, action="user.recovery_codes_renew", obj=user, detail={})
    return codes


def second_factor_match(*, user, token: str):
    """Return the device `token` is a valid code of (TOTP or an unused recovery code, which
    is then used up), or None. Wrong codes slow the device down (django-otp throttling)."""
    token = token.strip()
    for device in [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *StaticDevice.objects.filter(user=user, confirmed=True),
    ]:
        value = _digits(token) if isinstance(device, TOTPDevice) else token.lower().replace("-", "")
        if value and device.verify_token(value):
            audit_record(
                actor=user,
                action="user.second_factor",
                obj=user,
                detail={"kind": "recovery" if isinstance(device, StaticDevice) else "totp"},
            )
            return device
    return None


def _digits(token: str) -> str:
    return "".join(ch for ch in token if ch.isdigit())


def _recovery_codes_replace(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="恢复码", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
