"""Encryption of tipsters' contact data at rest (Fernet: AES-128-CBC + HMAC-SHA256).

settings.CHENBAO_TIP_KEY (the environment in production) holds one Fernet key or several,
separated by commas or whitespace. The FIRST encrypts; every one decrypts (MultiFernet). To
rotate, put a new key first, restart, and run `chenbao tips-rotate-key`, which re-encrypts
every contact with it; the old key can then be dropped (docs/tipline.md).

The receipt index is keyed by a key derived from settings.CHENBAO_TIP_INDEX_KEY, or, while
that is unset, from the only key of CHENBAO_TIP_KEY (how every installation started). It
must never change: see `index_key`.
"""

import base64
import binascii
import enum
import hashlib
import hmac
import re
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_SEPARATORS = re.compile(r"[,\s]+")
# Url-safe base64 is the format of a Fernet key; the standard alphabet (`openssl rand
# -base64 32`) was accepted before and still is. Anything else is refused, not skipped.
_TO_STANDARD = str.maketrans("-_", "+/")
_INDEX_LABEL = b"chenbao receipt index v1"


def parse_keys(raw: str, name: str = "CHENBAO_TIP_KEY") -> tuple[bytes, ...]:
    """Return the 32-byte keys listed in `raw`, in order; raise ImproperlyConfigured if one is bad.

    The message names the setting and the key's position, never the key.
    """
    parts = [part for part in _SEPARATORS.split(raw or "") if part]
    if not parts:
        raise ImproperlyConfigured(f"{name} is not set.")
    return tuple(_decode(part, name, n, len(parts)) for n, part in enumerate(parts, 1))


def _decode(part: str, name: str, position: int, count: int) -> bytes:
    where = f"{name}: key {position} of {count} (counting from the left)" if count > 1 else name
    try:
        key = base64.b64decode(part.translate(_TO_STANDARD), validate=True)
    except (binascii.Error, ValueError):
        # `from None`: the decoder's message is not needed and a traceback stays key-free.
        raise ImproperlyConfigured(
            f"{where} is not url-safe base64 (a Fernet key is 44 characters)."
        ) from None
    if len(key) != 32:
        raise ImproperlyConfigured(f"{where} decodes to {len(key)} bytes, not 32 (a Fernet key).")
    return key


def _raw() -> str:
    return str(getattr(settings, "CHENBAO_TIP_KEY", "") or "")


def _raw_index() -> str:
    return str(getattr(settings, "CHENBAO_TIP_INDEX_KEY", "") or "")


# Cached on the raw setting strings, so that a changed setting (override_settings in tests)
# gives new key objects instead of stale ones.
@cache
def _fernets(raw: str) -> tuple[Fernet, ...]:
    return tuple(Fernet(base64.urlsafe_b64encode(key)) for key in parse_keys(raw))


@cache
def _multi(raw: str) -> MultiFernet:
    return MultiFernet(list(_fernets(raw)))


@cache
def _index_key(raw_keys: str, raw_index: str) -> bytes:
    if raw_index:
        source = parse_keys(raw_index, "CHENBAO_TIP_INDEX_KEY")
        if len(source) != 1:
            raise ImproperlyConfigured("CHENBAO_TIP_INDEX_KEY must hold exactly one key.")
    else:
        source = parse_keys(raw_keys)
        if len(source) != 1:
            raise ImproperlyConfigured(
                f"CHENBAO_TIP_KEY holds {len(source)} keys but CHENBAO_TIP_INDEX_KEY is not set. "
                "Set CHENBAO_TIP_INDEX_KEY to the key this installation used before its first "
                "rotation (normally the last of the list) and never change it, or the receipts "
                "of existing tips stop working (docs/tipline.md, 'Rotating the key')."
            )
    return hmac.new(source[0], _INDEX_LABEL, hashlib.sha256).digest()


def fernet() -> MultiFernet:
    """Return the cipher: encrypts with the first key of CHENBAO_TIP_KEY, decrypts with any."""
    return _multi(_raw())


def key_count() -> int:
    """Return how many keys CHENBAO_TIP_KEY holds."""
    return len(_fernets(_raw()))


def index_key() -> bytes:
    """Return the key of the receipt index (derived, never an encryption key itself).

    Receipts are stored only as argon2 hashes plus this index, so the index of an existing
    tip can never be recomputed: the index key must outlive every rotation of the encryption
    keys. It comes from CHENBAO_TIP_INDEX_KEY, set once at the first rotation to the key the
    installation started with; while CHENBAO_TIP_KEY holds a single key and
    CHENBAO_TIP_INDEX_KEY is unset, from that key (the derivation every installation has used
    since the start). Several keys without CHENBAO_TIP_INDEX_KEY are refused rather than
    guessed at: a guess that went wrong would silently lose every existing receipt.
    """
    return _index_key(_raw(), _raw_index())


def check_config() -> None:
    """Raise ImproperlyConfigured if the tip-line's keys are missing or unusable."""
    fernet()
    index_key()


def encrypt(value: str) -> str:
    """Return `value` encrypted with the first key (empty stays empty)."""
    return fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    """Return the plain value of `token`; raise ImproperlyConfigured if no key opens it."""
    if not token:
        return ""
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured("tip contact cannot be decrypted with CHENBAO_TIP_KEY") from exc


class KeyState(enum.Enum):
    """Which key a stored token needs."""

    CURRENT = "current"  # empty, or encrypted with the first key
    OLD = "old"  # needs one of the other keys
    UNREADABLE = "unreadable"  # no configured key opens it


def key_state(token: str) -> KeyState:
    """Return whether `token` is encrypted with the first key, an older one, or none of them."""
    if not token:
        return KeyState.CURRENT
    fernets = _fernets(_raw())
    for n, one in enumerate(fernets):
        try:
            one.decrypt(token.encode())
        except InvalidToken:
            continue
        return KeyState.CURRENT if n == 0 else KeyState.OLD
    return KeyState.UNREADABLE


def rotate(token: str) -> str:
    """Return `token` re-encrypted with the first key (its timestamp kept); empty stays empty.

    Raise InvalidToken if no configured key opens it.
    """
    return fernet().rotate(token.encode()).decode() if token else ""
