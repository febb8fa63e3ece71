"""The second factor at sign-in for the roles that reveal contacts or pay
(core/access.py, `needs_second_factor`), and the login throttle's helpers (django-axes).

After the password, such a user reaches nothing but the second-factor pages until they
enter a code from their authenticator app or a recovery code; a user without an app yet is
sent to set one up. django-otp keeps the verified device in the session.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.plugins.otp_totp.models import TOTPDevice

from chenbao.core.access import needs_second_factor

# Reachable before the second factor: its own pages, signing out, files.
OPEN_PREFIXES = ("/admin/2fa/", "/admin/logout/", "/static/", "/media/")


class SecondFactorMiddleware:
    """Send a user who needs a second factor and has not passed one to its page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            needs_second_factor(user)
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            return redirect(second_factor_url(user, request.get_full_path()))
        return self.get_response(request)


def second_factor_url(user, next_url: str) -> str:
    """Where `user` goes for the second factor: the code, or setting up an app first."""
    has_app = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    name = "chenbao_2fa_verify" if has_app else "chenbao_2fa_setup"
    return reverse(name) + "?" + urlencode({"next": next_url})


def safe_next(request, default: str = "/admin/") -> str:
    """Return the request's `next` when it points into this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def lockout_response(request, response=None, credentials=None, *args, **kwargs):
    """django-axes: what a locked-out sign-in gets (429, in Chinese)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "core/lockout.html", {"minutes": minutes}, status=429)


def client_str(username, ip_address, user_agent, path_info, request) -> str:
    """django-axes: how its log lines name a client: a keyed hash, never a name or address."""
    key = settings.SECRET_KEY.encode()
    digest = hmac.new(key, f"{username}|{ip_address}".encode(), hashlib.sha256)
    return "client " + digest.hexdigest()[:12]
