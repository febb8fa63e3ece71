"""`chenbao tips-rotate-key [--check]`: contacts re-encrypted with the first key, in batches,
once, audited, and a check that exits 1 while any contact needs an old key."""

import io
import logging

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from chenbao.core.models import AuditEntry
from chenbao.tips.management.commands.tips_rotate_key import Command
from chenbao.tips.models import TipContact
from chenbao.tips.services import tip_contact_reveal
from tests.tips.keyrotation import AFTER, DURING, NEW, NEWER, OLD, PHONE, WECHAT, rotate, tokens

pytestmark = pytest.mark.django_db


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
