"""Newsroom sign-in (issue 13, item 8): wrong passwords are throttled (django-axes), and the
roles that reveal contacts or pay pass a second factor (TOTP or a recovery code)."""

import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from chenbao.core.access import SECOND_FACTOR_ROLES, needs_second_factor
from chenbao.core.roles import ADMIN, FINANCE, REPORTER, ROLES, TIP_DESK
from tests.factories import totp_wrong_code, user_make

LOGIN = "/admin/login/"
# django-otp slows a device down after a wrong code (1 s after the first): tests wait it out.
THROTTLE = 1.1
INBOX = "/admin/"


@pytest.fixture
def second_factor(settings):
    settings.CHENBAO = {**settings.CHENBAO, "SECOND_FACTOR": True}


def sign_in(client: Client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_fifty_wrong_passwords_then_the_right_one_is_refused(db):
    user = user_make(TIP_DESK, username="tip_desk")
    client = Client()
    answers = [sign_in(client, "tip_desk", f"wrong-{i}") for i in range(50)]
    assert answers[0].status_code == 200  # the form again, with its error
    assert answers[-1].status_code == 429
    right = sign_in(client, "tip_desk", "pw-" + user.username)
    assert right.status_code == 429
    assert "登录已暂停" in right.content.decode()
    assert not signed_in(client)


def test_the_lock_is_per_user_and_address_so_others_still_sign_in(db):
    user_make(TIP_DESK, username="tip_desk")
    other = user_make(REPORTER, username="reporter_a")
    for i in range(6):
        sign_in(Client(), "tip_desk", f"wrong-{i}")
    colleague = Client()
    sign_in(colleague, other.username, "pw-" + other.username)
    assert signed_in(colleague)
    elsewhere = Client()
    sign_in(elsewhere, "tip_desk", "pw-tip_desk", address="198.51.100.20")
    assert signed_in(elsewhere)


def test_a_forged_forwarded_for_header_does_not_buy_fresh_guesses(db):
    user_make(TIP_DESK, username="tip_desk")
    client = Client()
    for i in range(8):
        client.post(
            LOGIN,
            {"username": "tip_desk", "password": f"wrong-{i}"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}",
        )
    right = sign_in(client, "tip_desk", "pw-tip_desk")
    assert right.status_code == 429


def test_a_wrong_code_slows_the_next_one_down(db, second_factor):
    user = user_make(TIP_DESK, username="desk2")
    client = Client()
    sign_in(client, "desk2", "pw-desk2")
    client.get(reverse("chenbao_2fa_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post(reverse("chenbao_2fa_setup"), {"code": totp_wrong_code(device)})
    right = f"{totp(device.bin_key):06d}"
    assert (
        "验证码不对" in client.post(reverse("chenbao_2fa_setup"), {"code": right}).content.decode()
    )
    assert client.get(INBOX).status_code == 302


def test_the_roles_that_reveal_contacts_or_pay_need_the_second_factor(db, second_factor):
    assert {TIP_DESK, FINANCE, ADMIN} == SECOND_FACTOR_ROLES
    for role in ROLES:
        assert needs_second_factor(user_make(role)) == (role in SECOND_FACTOR_ROLES), role


def test_no_second_factor_when_the_setting_is_off(db, settings):
    settings.CHENBAO = {**settings.CHENBAO, "SECOND_FACTOR": False}
    assert not needs_second_factor(user_make(TIP_DESK))


def test_a_reporter_signs_in_with_the_password_alone(db, second_factor):
    client = Client()
    user = user_make(REPORTER)
    sign_in(client, user.username, "pw-" + user.username)
    assert client.get(INBOX).status_code == 200


def test_tip_desk_sets_up_an_app_then_signs_in_with_a_code_or_a_recovery_code(db, second_factor):
    user = user_make(TIP_DESK, username="desk")
    client = Client()
    sign_in(client, "desk", "pw-desk")
    assert signed_in(client)
    # The password alone opens nothing: every newsroom page leads to setting up an app.
    for path in (INBOX, "/admin/pages/", "/django-admin/"):
        answer = client.get(path)
        assert answer.status_code == 302
        assert answer["Location"].startswith(reverse("chenbao_2fa_setup"))
    setup = client.get(reverse("chenbao_2fa_setup") + "?next=/admin/")
    assert setup.status_code == 200
    assert "data:image/svg+xml" in setup.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(
        reverse("chenbao_2fa_setup"), {"code": totp_wrong_code(device), "next": "/admin/"}
    )
    assert "验证码不对" in wrong.content.decode()
    assert client.get(INBOX).status_code == 302
    time.sleep(THROTTLE)
    code = f"{totp(device.bin_key):06d}"
    done = client.post(reverse("chenbao_2fa_setup"), {"code": code, "next": "/admin/"})
    assert done.status_code == 200
    assert "no-store" in done["Cache-Control"]
    codes = [c.replace("-", "") for c in _codes(done.content.decode())]
    assert len(codes) == 10
    assert client.get(INBOX).status_code == 200

    # Next time: the password, then a code is asked for.
    client = Client()
    sign_in(client, "desk", "pw-desk")
    answer = client.get(INBOX)
    assert answer["Location"].startswith(reverse("chenbao_2fa_verify"))
    bad = client.post(
        reverse("chenbao_2fa_verify"), {"code": totp_wrong_code(device), "next": "/admin/"}
    )
    assert "不对" in bad.content.decode()
    time.sleep(THROTTLE)
    ok = client.post(reverse("chenbao_2fa_verify"), {"code": codes[0], "next": "/admin/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/"
    assert client.get(INBOX).status_code == 200

    # A recovery code works once.
    again = Client()
    sign_in(again, "desk", "pw-desk")
    used = again.post(reverse("chenbao_2fa_verify"), {"code": codes[0], "next": "/admin/"})
    assert used.status_code == 200
    assert again.get(INBOX).status_code == 302


def test_verify_never_sends_the_user_to_another_site(db, second_factor):
    user = user_make(FINANCE, username="cashier")
    client = Client()
    sign_in(client, "cashier", "pw-cashier")
    client.get(reverse("chenbao_2fa_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    answer = client.post(
        reverse("chenbao_2fa_setup"),
        {"code": f"{totp(device.bin_key):06d}", "next": "https://evil.example/"},
    )
    assert "https://evil.example/" not in answer.content.decode()


def test_failed_sign_ins_log_neither_name_nor_address(db, caplog):
    user_make(TIP_DESK, username="tip_desk")
    with caplog.at_level("DEBUG"):
        for i in range(6):
            sign_in(Client(), "tip_desk", f"wrong-{i}", address="203.0.113.99")
    text = caplog.text
    assert "tip_desk" not in text and "203.0.113.99" not in text


def _codes(html: str) -> list[str]:
    import re

    return re.findall(r"<code>([0-9a-f]{5}-[0-9a-f]{5})</code>", html)
