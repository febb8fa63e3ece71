"""Encryption of tipsters' contact data at rest (Fernet: AES-128-CBC + HMAC-SHA256).

The key comes from settings.CHENBAO_TIP_KEY (the environment in production). A second
key, derived from it, keys the receipt index.
"""

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def _key_material(raw: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(raw.encode())
    except ValueError as exc:
        raise ImproperlyConfigured("CHENBAO_TIP_KEY is not url-safe base64.") from exc
    if len(key) != 32:
        raise ImproperlyConfigured("CHENBAO_TIP_KEY must be 32 bytes (a Fernet key).")
    return key


def _raw() -> str:
    raw = getattr(settings, "CHENBAO_TIP_KEY", "")
    if not raw:
        raise ImproperlyConfigured("CHENBAO_TIP_KEY is not set.")
    return raw


def fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_key_material(_raw())))


def index_key() -> bytes:
    """Return the key of the receipt index (derived, never the encryption key itself)."""
    return hmac.new(_key_material(_raw()), b"chenbao receipt index v1", hashlib.sha256).digest()


def encrypt(value: str) -> str:
    """Return `value` encrypted (empty stays empty)."""
    return fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    """Return the plain value of `token`; raise ImproperlyConfigured if the key is wrong."""
    if not token:
        return ""
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured("tip contact cannot be decrypted with CHENBAO_TIP_KEY") from exc
