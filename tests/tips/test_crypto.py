"""The tip key: contacts encrypted under a list of keys (the first encrypts, all decrypt),
the receipt index key, and keys refused without ever being shown."""

import base64
import hashlib
import hmac

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError
from django.test import override_settings

from chenbao.tips import crypto
from chenbao.tips.checks import check_tip_keys
from chenbao.tips.services import tip_contact_reveal
from tests.tips.keyrotation import (
    AFTER,
    BEFORE,
    DURING,
    NEW,
    NEWER,
    OLD,
    PHONE,
    rotate,
)

pytestmark = pytest.mark.django_db


def test_a_single_key_gives_the_index_key_it_always_gave():
    expected = hmac.new(
        base64.urlsafe_b64decode(OLD), b"chenbao receipt index v1", hashlib.sha256
    ).digest()
    with override_settings(**BEFORE):
        assert crypto.index_key() == expected
        # pinned: the derivation every installation used before rotation existed
        assert crypto.index_key().hex() == (
            "6962ea9f6fc324aa6d0ab3e4ae458ab13741e12904fd5e48329daa843109fba0"
        )
    with override_settings(**DURING):
        assert crypto.index_key() == expected
    with override_settings(**AFTER):
        assert crypto.index_key() == expected
    with override_settings(CHENBAO_TIP_KEY=NEW, CHENBAO_TIP_INDEX_KEY=""):
        assert crypto.index_key() != expected  # the index key really depends on the setting


def test_several_keys_without_an_index_key_are_refused_not_guessed(submit):
    with override_settings(CHENBAO_TIP_KEY=f"{NEW},{OLD}", CHENBAO_TIP_INDEX_KEY=""):
        with pytest.raises(ImproperlyConfigured, match="CHENBAO_TIP_INDEX_KEY is not set"):
            crypto.index_key()
        with pytest.raises(ImproperlyConfigured):
            submit(contact_phone=PHONE)
        [error] = check_tip_keys()
        assert error.id == "tips.E001"
        with pytest.raises(CommandError, match="CHENBAO_TIP_INDEX_KEY"):
            rotate()
    two_index_keys = override_settings(CHENBAO_TIP_KEY=OLD, CHENBAO_TIP_INDEX_KEY=f"{OLD},{NEW}")
    with two_index_keys, pytest.raises(ImproperlyConfigured, match="exactly one key"):
        crypto.index_key()
    with override_settings(**DURING):
        assert check_tip_keys() == []


def test_contacts_written_with_the_old_key_stay_readable_with_a_new_key_first(old_tips, desk):
    tip, _code = old_tips[0]
    with override_settings(**DURING):
        assert tip_contact_reveal(user=desk, tip=tip)["phone"] == PHONE
        fresh = crypto.encrypt(PHONE)
    # the first key encrypts: the new key alone opens a fresh token, the old one does not
    assert Fernet(NEW.encode()).decrypt(fresh.encode()).decode() == PHONE
    with pytest.raises(InvalidToken):
        Fernet(OLD.encode()).decrypt(fresh.encode())
    # and without the old key, the old contacts cannot be read (cached keys do not linger)
    with override_settings(**AFTER), pytest.raises(ImproperlyConfigured):
        tip_contact_reveal(user=desk, tip=tip)


def test_keys_may_be_separated_by_whitespace_and_newlines(old_tips, desk):
    tip, _code = old_tips[0]
    with override_settings(CHENBAO_TIP_KEY=f"  {NEW}\n\t{OLD} ,\n", CHENBAO_TIP_INDEX_KEY=OLD):
        assert crypto.key_count() == 2
        assert tip_contact_reveal(user=desk, tip=tip)["phone"] == PHONE


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("not-a-key!", "key 2 of 3 .*not url-safe base64"),
        (base64.urlsafe_b64encode(b"sixteen byte key").decode(), "key 2 of 3 .*16 bytes, not 32"),
    ],
)
def test_a_bad_key_in_the_list_is_named_by_its_position_never_shown(bad, message):
    with override_settings(CHENBAO_TIP_KEY=f"{NEW}, {bad}, {OLD}", CHENBAO_TIP_INDEX_KEY=OLD):
        with pytest.raises(ImproperlyConfigured, match=message) as refused:
            crypto.encrypt(PHONE)
        [error] = check_tip_keys()
    shown = str(refused.value) + error.msg + repr(refused.value.__cause__)
    assert "CHENBAO_TIP_KEY" in shown
    for key in (bad, NEW, OLD):
        assert key not in shown
    # no chained exception that could carry the key into a traceback
    assert refused.value.__cause__ is None
    assert refused.value.__context__ is None or refused.value.__suppress_context__


def test_a_missing_key_is_refused():
    empty = override_settings(CHENBAO_TIP_KEY=" , ", CHENBAO_TIP_INDEX_KEY="")
    with empty, pytest.raises(ImproperlyConfigured, match="CHENBAO_TIP_KEY is not set"):
        crypto.encrypt(PHONE)


# --- tokens and the key they need ---


def test_empty_stays_empty_and_a_value_comes_back_as_it_went_in():
    with override_settings(**DURING):
        assert crypto.encrypt("") == "" and crypto.decrypt("") == ""
        token = crypto.encrypt(PHONE)
        assert token != PHONE and crypto.decrypt(token) == PHONE
        assert crypto.encrypt(PHONE) != token  # fresh each time


def test_a_token_no_key_opens_is_refused_without_the_token_or_key_in_the_message():
    stranger = Fernet(NEWER.encode()).encrypt(PHONE.encode()).decode()
    with override_settings(**DURING), pytest.raises(ImproperlyConfigured) as refused:
        crypto.decrypt(stranger)
    assert stranger not in str(refused.value) and PHONE not in str(refused.value)


def test_a_token_is_current_old_or_unreadable_by_the_key_that_opens_it():
    old = Fernet(OLD.encode()).encrypt(PHONE.encode()).decode()
    new = Fernet(NEW.encode()).encrypt(PHONE.encode()).decode()
    stranger = Fernet(NEWER.encode()).encrypt(PHONE.encode()).decode()
    with override_settings(**DURING):
        assert crypto.key_state("") is crypto.KeyState.CURRENT
        assert crypto.key_state(new) is crypto.KeyState.CURRENT
        assert crypto.key_state(old) is crypto.KeyState.OLD
        assert crypto.key_state(stranger) is crypto.KeyState.UNREADABLE
        rotated = crypto.rotate(old)
        assert crypto.key_state(rotated) is crypto.KeyState.CURRENT
        assert crypto.rotate("") == ""
        with pytest.raises(InvalidToken):
            crypto.rotate(stranger)
    assert Fernet(NEW.encode()).decrypt(rotated.encode()).decode() == PHONE
