"""Proof of work for receipt tries past the free budget (hashcash-like; pure, no Django).

The server hands out a signed, expiring challenge; the client finds a number `nonce` such
that SHA-256("<challenge>:<nonce>") starts with `bits` zero bits (about 2^bits hashes: a
about a second in a phone's browser at 16 bits) and sends "<challenge>:<nonce>" back
with its next try. Checking costs one hash. Each challenge is good for one try (the caller
marks its id used) until it expires, so every guess past the free ones costs the guesser
work, while a reader who has the right receipt always gets in, however many wrong tries
others made from the same address.
"""

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

TTL_SECONDS = 600
_MAX_NONCE_DIGITS = 20


@dataclass(frozen=True)
class Paid:
    """A valid proof: `ident` names its challenge, to be marked used for `seconds`."""

    ident: str
    seconds: float


def _mac(secret: bytes, body: str) -> str:
    return hmac.new(secret, b"chenbao-receipt-proof:" + body.encode(), hashlib.sha256).hexdigest()[
        :32
    ]


def challenge_new(secret: bytes, bits: int, *, now: float | None = None) -> str:
    """Return a fresh challenge: "<expires>.<bits>.<random>.<mac>"."""
    expires = int((time.time() if now is None else now) + TTL_SECONDS)
    body = f"{expires}.{bits}.{secrets.token_hex(12)}"
    return f"{body}.{_mac(secret, body)}"


def leading_zero_bits(digest: bytes) -> int:
    value = int.from_bytes(digest, "big")
    return len(digest) * 8 - value.bit_length()


def solve(challenge: str) -> str:
    """Return "<challenge>:<nonce>" for `challenge` (what the reader's browser does)."""
    bits = int(challenge.split(".")[1])
    nonce = 0
    while True:
        proof = f"{challenge}:{nonce}"
        if leading_zero_bits(hashlib.sha256(proof.encode()).digest()) >= bits:
            return proof
        nonce += 1


def check(secret: bytes, proof: str, min_bits: int, *, now: float | None = None) -> Paid | None:
    """Return the proof's challenge if `proof` is genuine, unexpired and hard enough."""
    challenge, _, nonce = (proof or "").rpartition(":")
    parts = challenge.split(".")
    if len(parts) != 4 or not nonce.isdigit() or len(nonce) > _MAX_NONCE_DIGITS:
        return None
    expires, bits, ident, mac = parts
    if not (expires.isdigit() and bits.isdigit()):
        return None
    if not hmac.compare_digest(mac, _mac(secret, f"{expires}.{bits}.{ident}")):
        return None
    left = int(expires) - (time.time() if now is None else now)
    if left <= 0 or int(bits) < min_bits:
        return None
    if leading_zero_bits(hashlib.sha256(proof.encode()).digest()) < int(bits):
        return None
    return Paid(ident, left + 1)
