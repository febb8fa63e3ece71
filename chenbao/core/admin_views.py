"""The second-factor pages under /admin/2fa/ (registered in wagtail_hooks): set up an
authenticator app, enter a code, renew the recovery codes."""

import segno
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from chenbao.core import services
from chenbao.core.twofactor import safe_next


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("验证码"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


def second_factor_setup(request):
    """Show a new app key as a QR code; a correct code from the app confirms it."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = services.totp_device_confirm(user=request.user, token=form.cleaned_data["code"])
        if done is not None:
            device, codes = done
            otp_login(request, device)
            return _codes_page(request, codes, next_url=safe_next(request))
        form.add_error("code", _("验证码不对，请看手机上的最新验证码再试"))
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("-pk").first()
    if device is None or request.method == "GET":
        device = services.totp_device_start(user=request.user)
    qr = segno.make(device.config_url, error="m").svg_data_uri(scale=5)
    return render(
        request,
        "core/second_factor_setup.html",
        {"form": form, "qr": qr, "secret": _base32(device.bin_key), "next": safe_next(request)},
    )


def second_factor_verify(request):
    """Ask for a code from the app or a recovery code."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.second_factor_match(user=request.user, token=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(safe_next(request))
        form.add_error("code", _("验证码或恢复码不对（多次输错需要等待更久）"))
    return render(
        request, "core/second_factor_verify.html", {"form": form, "next": safe_next(request)}
    )


def recovery_codes(request):
    """Make new recovery codes (POST), shown once."""
    if request.method == "POST":
        codes = services.recovery_codes_renew(user=request.user)
        messages.success(request, _("已生成新的恢复码，旧的恢复码已失效"))
        return _codes_page(request, codes, next_url="/admin/")
    return render(request, "core/recovery_codes_renew.html")


def _codes_page(request, codes: list[str], *, next_url: str):
    shown = [f"{c[:5]}-{c[5:]}" for c in codes]
    response = render(request, "core/recovery_codes.html", {"codes": shown, "next": next_url})
    response["Cache-Control"] = "no-store"
    return response


def _base32(key: bytes) -> str:
    import base64

    text = base64.b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
