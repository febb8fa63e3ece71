"""Rotating CHENBAO_TIP_KEY: several keys, re-encryption, and a receipt index that never moves."""

import base64
import hashlib
import hmac
import io
import logging

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from chenbao.core.models import AuditEntry
from chenbao.tips import crypto
from chenbao.tips.checks import check_tip_keys
from chenbao.tips.management.commands.tips_rotate_key import Command
from chenbao.tips.models import TipContact
from chenbao.tips.selectors import tip_by_receipt
from chenbao.tips.services import tip_contact_reveal
from tests.rawdb import all_rows_as_text

pytestmark = pytest.mark.django_db

OLD = settings.CHENBAO_TIP_KEY  # the key the installation started with (test settings)
NEW = Fernet.generate_key().decode()
NEWER = Fernet.generate_key().decode()
PHONE = "13905339876"
WECHAT = "wx_rotation_tipster"

# Before the rotation: the one old key. During: new first, old still there, index pinned to
# the old key. After: the old key dropped.
BEFORE = {"CHENBAO_TIP_KEY": OLD, "CHENBAO_TIP_INDEX_KEY": ""}
DURING = {"CHENBAO_TIP_KEY": f"{NEW},{OLD}", "CHENBAO_TIP_INDEX_KEY": OLD}
AFTER = {"CHENBAO_TIP_KEY": NEW, "CHENBAO_TIP_INDEX_KEY": OLD}


def rotate(*args: str) -> str:
    out = io.StringIO()
    call_command("tips_rotate_key", *args, stdout=out)
    return out.getvalue()


def tokens() -> list[tuple[str, str, str]]:
    return list(
        TipContact.objects.order_by("pk").values_list("phone_enc", "wechat_enc", "name_enc")
    )


@pytest.fixture
def old_tips(submit):
    """Five tips with contacts, written while only the old key existed; gives [(tip, code)]."""
    with override_settings(**BEFORE):
        return [
            submit(
                text=f"东风路与柳泉路交叉口今早两车相撞，一人受伤，交警已在现场处置。读者{n}",
                contact_phone=PHONE,
                contact_wechat=f"{WECHAT}{n}",
                contact_name="老王",
            )
            for n in range(5)
        ]


# --- the index key ---


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


# --- several keys ---


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


# --- the command ---


def test_the_command_re_encrypts_so_the_old_key_can_be_dropped(old_tips, desk, caplog):
    before = tokens()
    with override_settings(**DURING), caplog.at_level(logging.DEBUG):
        output = rotate("--batch-size", "2")  # three batches
    assert "re-encrypted 5 contacts" in output
    after = tokens()
    assert len(after) == 5 and all(a != b for a, b in zip(after, before, strict=True))
    for phone, wechat, name in after:
        assert Fernet(NEW.encode()).decrypt(phone.encode()).decode() == PHONE
        for token in (phone, wechat, name):
            with pytest.raises(InvalidToken):
                Fernet(OLD.encode()).decrypt(token.encode())
    with override_settings(**AFTER):
        for n, (tip, _code) in enumerate(old_tips):
            contact = tip_contact_reveal(user=desk, tip=tip)
            assert contact == {"phone": PHONE, "wechat": f"{WECHAT}{n}", "name": "老王"}
    # one audit entry, with the count and nothing personal
    [entry] = AuditEntry.objects.filter(action="tip.contact_key_rotate")
    assert entry.detail == {"rotated": 5, "current": 0, "unreadable": 0, "keys": 2}
    for text in (output, caplog.text, repr(entry.detail)):
        assert PHONE not in text and WECHAT not in text and "老王" not in text
        assert NEW not in text and OLD not in text


def test_the_command_is_idempotent(old_tips):
    with override_settings(**DURING):
        rotate()
        once = tokens()
        output = rotate()
    assert "re-encrypted 0 contacts" in output and "5 were on it already" in output
    assert tokens() == once  # nothing rewritten the second time
    details = [
        e.detail for e in AuditEntry.objects.filter(action="tip.contact_key_rotate").order_by("pk")
    ]
    assert [d["rotated"] for d in details] == [5, 0]


def test_a_contact_written_after_the_new_key_is_left_alone(old_tips, submit):
    with override_settings(**DURING):
        submit(contact_phone=PHONE)
        fresh = tokens()[-1]
        assert "re-encrypted 5 contacts with the first key (1 were on it already)" in rotate()
    assert tokens()[-1] == fresh


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


def run_check() -> tuple[int, str]:
    """Run `chenbao tips-rotate-key --check` as the shell does; return (exit status, output)."""
    out = io.StringIO()
    try:
        Command(stdout=out, stderr=io.StringIO()).run_from_argv(
            ["chenbao", "tips_rotate_key", "--check"]
        )
    except SystemExit as exited:
        return int(exited.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_check_exits_1_while_contacts_need_the_old_key_and_0_after(old_tips, monkeypatch):
    # run_from_argv closes the connections when done; the test's transaction must survive it
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    with override_settings(**DURING):
        unchanged = tokens()
        status, output = run_check()
        assert status == 1 and "on the first key: 0, on an old key: 5" in output
        assert tokens() == unchanged  # --check changes nothing
        assert not AuditEntry.objects.filter(action="tip.contact_key_rotate").exists()
        with pytest.raises(CommandError) as refused:
            rotate("--check")
        assert refused.value.returncode == 1
        rotate()
        status, output = run_check()
        assert status == 0 and "on the first key: 5, on an old key: 0" in output
        # one contact written again with the old key (a restore from backup, say): 1 again
        TipContact.objects.filter(pk=TipContact.objects.order_by("pk")[0].pk).update(
            phone_enc=Fernet(OLD.encode()).encrypt(PHONE.encode()).decode()
        )
        status, output = run_check()
        assert status == 1 and "on the first key: 4, on an old key: 1" in output


def test_contacts_no_key_opens_are_counted_and_left_unchanged(old_tips):
    stranger = Fernet(NEWER.encode()).encrypt(PHONE.encode()).decode()
    TipContact.objects.filter(pk=TipContact.objects.first().pk).update(phone_enc=stranger)
    with override_settings(**DURING):
        checked = io.StringIO()
        with pytest.raises(CommandError):
            call_command("tips_rotate_key", "--check", stdout=checked)
        assert "on an old key: 4, that no configured key opens: 1" in checked.getvalue()
        out = io.StringIO()
        with pytest.raises(CommandError, match="1 contacts open with no configured key") as exc:
            call_command("tips_rotate_key", stdout=out)
        assert exc.value.returncode == 1
    assert "re-encrypted 4 contacts" in out.getvalue()
    assert TipContact.objects.filter(phone_enc=stranger).count() == 1
    [entry] = AuditEntry.objects.filter(action="tip.contact_key_rotate")
    assert entry.detail["rotated"] == 4 and entry.detail["unreadable"] == 1


# --- bad keys ---


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
