"""The proof of work: a signed, expiring challenge, solved by about 2^bits hashes."""

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from chenbao.tips import proof

SECRET = b"test-secret"
NOW = 1_700_000_000.0


def test_a_solved_challenge_is_accepted_once_its_work_is_checked():
    challenge = proof.challenge_new(SECRET, 8, now=NOW)
    solved = proof.solve(challenge)
    digest = hashlib.sha256(solved.encode()).digest()
    assert proof.leading_zero_bits(digest) >= 8
    paid = proof.check(SECRET, solved, 8, now=NOW + 1)
    assert paid is not None and paid.ident == challenge.split(".")[2]
    assert 0 < paid.seconds <= proof.TTL_SECONDS


def test_expired_weak_foreign_or_malformed_proofs_are_refused():
    challenge = proof.challenge_new(SECRET, 8, now=NOW)
    solved = proof.solve(challenge)
    assert proof.check(SECRET, solved, 8, now=NOW + proof.TTL_SECONDS + 1) is None  # expired
    assert proof.check(SECRET, solved, 12, now=NOW) is None  # less work than now asked
    assert proof.check(b"another-secret", solved, 8, now=NOW) is None  # not ours
    for bad in ("", ":", "a.b.c.d:1", challenge, challenge + ":", challenge + ":" + "1" * 21):
        assert proof.check(SECRET, bad, 8, now=NOW) is None


@given(st.text(max_size=200))
def test_check_never_raises(text):
    assert proof.check(SECRET, text, 1, now=NOW) is None or ":" in text


def test_leading_zero_bits():
    assert proof.leading_zero_bits(b"\x00\x0f" + b"\xff" * 30) == 12
    assert proof.leading_zero_bits(b"\x80" + b"\x00" * 31) == 0
