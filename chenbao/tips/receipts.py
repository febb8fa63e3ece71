"""Receipt codes (回执码): 16 digits shown once to the tipster, stored only as a hash.

Pure: no Django. A receipt is looked up without scanning every tip: a short keyed HMAC
prefix (the *index*) narrows the candidates, and argon2id verifies the one that matches.
The index is only 24 bits, so every index value is shared by about 10^16 / 2^24 ≈ 6×10^8
possible codes: even someone holding the database and the key learns nothing useful from it
and must still break the argon2 hash. See docs/decisions/0011-tip-receipts-and-contacts.md.
"""

import hashlib
import hmac
import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

RECEIPT_DIGITS = 16
INDEX_HEX_CHARS = 6  # 24 bits
_NOT_DIGITS = re.compile(r"[\s\-－—]+")


def receipt_new() -> str:
    """Return a fresh random 16-digit code (leading zeros allowed)."""
    return "".join(secrets.choice("0123456789") for _ in range(RECEIPT_DIGITS))


def receipt_normalise(raw: str) -> str | None:
    """Return the 16 digits of `raw` (spaces and dashes removed), or None if it is no receipt."""
    code = _NOT_DIGITS.sub("", raw or "")
    code = code.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if len(code) != RECEIPT_DIGITS or not code.isascii() or not code.isdigit():
        return None
    return code


def receipt_format(code: str) -> str:
    """Return the code in groups of four, as shown to readers: 1234 5678 9012 3456."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def receipt_index(code: str, key: bytes) -> str:
    """Return the non-secret lookup index of `code` (keyed, deliberately short)."""
    digest = hmac.new(key, b"chenbao-receipt-index:" + code.encode(), hashlib.sha256)
    return digest.hexdigest()[:INDEX_HEX_CHARS]


def _hasher(cost: tuple[int, int]) -> PasswordHasher:
    time_cost, memory_kib = cost
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=1)


def receipt_hash(code: str, cost: tuple[int, int]) -> str:
    """Return the argon2id hash of `code`."""
    return _hasher(cost).hash(code)


def receipt_verify(stored_hash: str, code: str) -> bool:
    """Return True when `code` matches `stored_hash` (cost is read from the hash)."""
    try:
        return PasswordHasher().verify(stored_hash, code)
    except (VerificationError, InvalidHashError):
        return False


# A well-formed hash to verify against when no candidate exists, so a wrong receipt takes
# as long whether or not its index matches a tip.
def dummy_hash(cost: tuple[int, int]) -> str:
    return receipt_hash("0" * RECEIPT_DIGITS, cost)
