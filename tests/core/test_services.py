"""Core services: the audit trail, and the second factor (authenticator app, recovery codes)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from chenbao.core.models import AuditEntry
from chenbao.core.roles import TIP_DESK
from chenbao.core.services import (
    RECOVERY_CODES,
    audit_record,
    recovery_codes_renew,
    second_factor_match,
    totp_device_confirm,
    totp_device_start,
)
from tests.factories import totp_code, totp_wrong_code, user_make

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ audit trail


def test_an_audit_entry_names_the_actor_and_the_object_it_was_done_to():
    user = user_make(TIP_DESK)
    entry = audit_record(actor=user, action="tip.read", obj=user, detail={"n": 1})
    assert (entry.actor, entry.action, entry.object_type, entry.object_id, entry.detail) == (
        user,
        "tip.read",
        "auth.user",
        str(user.pk),
        {"n": 1},
    )


def test_an_act_on_many_rows_names_their_kind_and_a_word_and_nobody_is_recorded_as_none():
    entry = audit_record(
        actor=AnonymousUser(), action="tips.purge", object_type="tips.tip", object_id="purge"
    )
    assert entry.actor is None and entry.detail == {}
    assert (entry.object_type, entry.object_id) == ("tips.tip", "purge")


def test_an_audit_entry_with_nothing_to_point_at_is_refused():
    with pytest.raises(ValueError, match="object_type and object_id"):
        audit_record(actor=None, action="x", object_type="tips.tip")
    assert not AuditEntry.objects.exists()


# ------------------------------------------------------------------ second factor


def test_starting_again_drops_the_earlier_unconfirmed_app():
    user = user_make(TIP_DESK)
    first = totp_device_start(user=user)
    second = totp_device_start(user=user)
    assert list(TOTPDevice.objects.filter(user=user)) == [second]
    assert first.pk != second.pk and not second.confirmed


def test_a_wrong_code_or_no_enrolment_confirms_nothing():
    user = user_make(TIP_DESK)
    assert totp_device_confirm(user=user, token="123456") is None
    device = totp_device_start(user=user)
    assert totp_device_confirm(user=user, token=totp_wrong_code(device)) is None
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert not AuditEntry.objects.filter(action="user.totp_confirm").exists()


def test_the_apps_code_confirms_it_replaces_the_old_app_and_gives_recovery_codes():
    user = user_make(TIP_DESK)
    old = totp_device_start(user=user)
    totp_device_confirm(user=user, token=totp_code(old))
    new = totp_device_start(user=user)
    device, codes = totp_device_confirm(
        user=user, token=" " + totp_code(new)[:3] + " " + totp_code(new)[3:]
    )
    assert device == new and list(TOTPDevice.objects.filter(user=user)) == [new]
    assert TOTPDevice.objects.get(pk=new.pk).confirmed
    assert len(codes) == RECOVERY_CODES == len(set(codes))
    assert AuditEntry.objects.filter(action="user.totp_confirm", actor=user).count() == 2


def test_a_recovery_code_works_once_whatever_its_case_and_dashes():
    user = user_make(TIP_DESK)
    codes = recovery_codes_renew(user=user)
    typed = f" {codes[0][:5].upper()}-{codes[0][5:]} "
    assert isinstance(second_factor_match(user=user, token=typed), StaticDevice)
    assert second_factor_match(user=user, token=codes[0]) is None
    entry = AuditEntry.objects.get(action="user.second_factor")
    assert entry.detail == {"kind": "recovery"}


def test_renewed_recovery_codes_replace_the_old_ones():
    user = user_make(TIP_DESK)
    old = recovery_codes_renew(user=user)
    new = recovery_codes_renew(user=user)
    assert second_factor_match(user=user, token=new[1]) is not None
    assert second_factor_match(user=user, token=old[1]) is None
    assert StaticDevice.objects.filter(user=user).count() == 1
    assert AuditEntry.objects.filter(action="user.recovery_codes_renew").count() == 2


def test_a_code_of_an_app_not_yet_confirmed_matches_nothing():
    user = user_make(TIP_DESK)
    device = totp_device_start(user=user)
    assert second_factor_match(user=user, token=totp_code(device)) is None
    assert not AuditEntry.objects.filter(action="user.second_factor").exists()


def test_an_empty_code_matches_nothing():
    user = user_make(TIP_DESK)
    recovery_codes_renew(user=user)
    assert second_factor_match(user=user, token="  ") is None
