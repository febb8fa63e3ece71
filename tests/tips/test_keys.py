"""Key rotation of the tipsters' contacts (services/keys.py): what it leaves working
(receipts, the reader's chat page) and what it leaves in the database."""

import pytest
from cryptography.fernet import Fernet
from django.test import override_settings

from chenbao.core.models import AuditEntry
from chenbao.tips.models import TipContact
from chenbao.tips.selectors import tip_by_receipt
from tests.rawdb import all_rows_as_text
from tests.tips.keyrotation import AFTER, BEFORE, DURING, OLD, PHONE, WECHAT, rotate, tokens

pytestmark = pytest.mark.django_db


def test_a_receipt_issued_before_the_rotation_still_opens_its_tip(old_tips, submit):
    tip, code = old_tips[2]
    with override_settings(**BEFORE):
        assert tip_by_receipt(code) == tip
    with override_settings(**DURING):
        assert tip_by_receipt(code) == tip
        during_tip, during_code = submit(contact_phone=PHONE)
        rotate()
        assert tip_by_receipt(code) == tip
    with override_settings(**AFTER):
        assert tip_by_receipt(code) == tip
        assert tip_by_receipt(during_code) == during_tip
        assert tip_by_receipt(old_tips[0][1]) == old_tips[0][0]


def test_a_receipt_through_the_reader_s_chat_page_after_the_old_key_is_gone(old_tips, client):
    tip, code = old_tips[1]
    with override_settings(**DURING):
        rotate()
    with override_settings(**AFTER):
        response = client.post("/baoliao/chat/", {"receipt": code})
    assert response.status_code == 200
    assert tip.text in response.content.decode()


def test_after_rotation_the_raw_database_holds_no_phone_number(old_tips):
    with override_settings(**DURING):
        rotate()
    dump = all_rows_as_text()
    assert old_tips[0][0].text in dump  # the dump does see the tables
    assert PHONE not in dump and WECHAT not in dump and "老王" not in dump


def test_the_status_counts_contacts_by_the_key_they_need_and_changes_nothing(old_tips, submit):
    from chenbao.tips.services import tip_contacts_key_status

    with override_settings(**DURING):
        submit(contact_phone=PHONE)
        before = tokens()
        assert tip_contacts_key_status() == {"current": 1, "old": 5, "unreadable": 0}
    assert tokens() == before


def test_a_contact_with_any_field_on_an_old_key_counts_as_old(old_tips):
    from chenbao.tips.services import tip_contacts_key_status, tip_contacts_rotate_key

    with override_settings(**DURING):
        tip_contacts_rotate_key()
        first = TipContact.objects.order_by("pk").first()
        TipContact.objects.filter(pk=first.pk).update(
            name_enc=Fernet(OLD.encode()).encrypt("老王".encode()).decode()
        )
        assert tip_contacts_key_status() == {"current": 4, "old": 1, "unreadable": 0}


def test_the_rotation_is_audited_under_whoever_ran_it(old_tips, desk):
    from chenbao.tips.services import tip_contacts_rotate_key

    with override_settings(**DURING):
        counts = tip_contacts_rotate_key(batch_size=3, actor=desk)
    assert counts == {"rotated": 5, "current": 0, "unreadable": 0}
    entry = AuditEntry.objects.get(action="tip.contact_key_rotate")
    assert entry.actor == desk and entry.object_id == "key-rotation"
