"""The second-factor pages under /admin/2fa/: set up an app, renew the recovery codes."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from chenbao.core.admin_views import _base32
from chenbao.core.roles import REPORTER
from tests.factories import totp_wrong_code, user_make


@pytest.fixture
def user(db):
    return user_make(REPORTER, username="reporter")


@pytest.fixture
def client(user):
    client = Client()
    client.force_login(user)
    return client


def test_an_app_key_is_shown_in_groups_of_four():
    assert _base32(b"\x00" * 10) == "AAAA AAAA AAAA AAAA"
    assert _base32(b"hello") == "NBSW Y3DP"


def test_setup_shows_a_new_key_as_a_qr_code_and_as_text(client, user):
    page = client.get(reverse("chenbao_2fa_setup")).content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert "data:image/svg+xml" in page
    assert _base32(device.bin_key) in page
    client.get(reverse("chenbao_2fa_setup"))  # each visit starts afresh
    assert TOTPDevice.objects.filter(user=user).count() == 1
    assert TOTPDevice.objects.get(user=user).pk != device.pk


def test_a_wrong_code_keeps_the_key_being_set_up_and_says_so(client, user):
    client.get(reverse("chenbao_2fa_setup"))
    device = TOTPDevice.objects.get(user=user)
    answer = client.post(reverse("chenbao_2fa_setup"), {"code": totp_wrong_code(device)})
    assert answer.status_code == 200 and "验证码不对" in answer.content.decode()
    assert list(TOTPDevice.objects.filter(user=user)) == [device] and not device.confirmed


def test_renewing_recovery_codes_shows_ten_new_codes_once_and_never_caches_them(client, user):
    assert client.get(reverse("chenbao_2fa_recovery")).status_code == 200
    assert not StaticDevice.objects.filter(user=user).exists()  # a GET changes nothing
    answer = client.post(reverse("chenbao_2fa_recovery"))
    assert "no-store" in answer["Cache-Control"]
    shown = re.findall(r"<code>([0-9a-f]{5}-[0-9a-f]{5})</code>", answer.content.decode())
    stored = set(StaticDevice.objects.get(user=user).token_set.values_list("token", flat=True))
    assert len(shown) == 10 and {c.replace("-", "") for c in shown} == stored


def test_a_wrong_code_on_the_verify_page_says_so(client, user):
    answer = client.post(reverse("chenbao_2fa_verify"), {"code": "123456", "next": "/admin/"})
    assert answer.status_code == 200 and "验证码或恢复码不对" in answer.content.decode()
