"""The tipsters' contacts under the tip key: which key each is under, and re-encryption
to the current key (key rotation, docs/tipline.md)."""

from django.db import transaction

from chenbao.core.services import audit_record
from chenbao.tips import crypto
from chenbao.tips.models import (
    TipContact,
)

CONTACT_FIELDS = ("phone_enc", "wechat_enc", "name_enc")
_STATE_ORDER = (crypto.KeyState.CURRENT, crypto.KeyState.OLD, crypto.KeyState.UNREADABLE)


def _contact_key_state(contact: TipContact) -> crypto.KeyState:
    """Return the worst key state of the contact's fields (unreadable > old > current)."""
    states = [crypto.key_state(getattr(contact, field)) for field in CONTACT_FIELDS]
    return max(states, key=_STATE_ORDER.index)


def tip_contacts_key_status() -> dict[str, int]:
    """Count the contacts by the key they need ("current", "old", "unreadable"); change nothing."""
    crypto.check_config()
    counts = {state.value: 0 for state in _STATE_ORDER}
    for contact in TipContact.objects.only("id", *CONTACT_FIELDS).iterator(chunk_size=500):
        counts[_contact_key_state(contact).value] += 1
    return counts


def tip_contacts_rotate_key(*, batch_size: int = 500, actor=None) -> dict[str, int]:
    """Re-encrypt with the first key of CHENBAO_TIP_KEY every contact still on an older key.

    Works in batches of `batch_size` contacts, each batch in its own transaction with its rows
    locked: a batch is rewritten completely or not at all, and a stopped run is finished by
    running it again. Contacts already on the first key are left alone, so a second run
    changes nothing. Contacts no configured key opens are left unchanged and counted (a key is
    missing from the list). Writes one audit entry with the counts; returns
    {"rotated", "current", "unreadable"} (contacts).
    """
    crypto.check_config()
    counts = {"rotated": 0, "current": 0, "unreadable": 0}
    last_pk = 0
    while True:
        with transaction.atomic():
            batch = list(
                TipContact.objects.select_for_update()
                .filter(pk__gt=last_pk)
                .order_by("pk")
                .only("id", *CONTACT_FIELDS)[:batch_size]
            )
            if not batch:
                break
            last_pk = batch[-1].pk
            changed = []
            for contact in batch:
                state = _contact_key_state(contact)
                if state is crypto.KeyState.OLD:
                    for field in CONTACT_FIELDS:
                        token = getattr(contact, field)
                        if crypto.key_state(token) is crypto.KeyState.OLD:
                            setattr(contact, field, crypto.rotate(token))
                    changed.append(contact)
                    counts["rotated"] += 1
                else:
                    counts[state.value] += 1
            if changed:
                TipContact.objects.bulk_update(changed, CONTACT_FIELDS)
    audit_record(
        actor=actor,
        action="tip.contact_key_rotate",
        object_type="tips.tipcontact",
        object_id="key-rotation",
        detail={**counts, "keys": crypto.key_count()},
    )
    return counts
