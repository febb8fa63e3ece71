"""Receipt codes: 16 digits, shown in groups, typed any way, stored only as a hash."""

import pytest

from chenbao.tips.receipts import (
    INDEX_HEX_CHARS,
    RECEIPT_DIGITS,
    dummy_hash,
    receipt_format,
    receipt_hash,
    receipt_index,
    receipt_new,
    receipt_normalise,
    receipt_verify,
)

CHEAP = (1, 8)  # argon2 time cost and memory (KiB): fast for tests
CODE = "0123456789012345"


def test_a_new_code_is_sixteen_digits_and_codes_differ():
    codes = {receipt_new() for _ in range(20)}
    assert len(codes) == 20
    assert all(len(c) == RECEIPT_DIGITS and c.isdigit() for c in codes)


@pytest.mark.parametrize(
    "typed",
    [
        "0123456789012345",
        "0123 4567 8901 2345",
        " 0123-4567-8901-2345 ",
        "０１２３４５６７８９０１２３４５",
        "0123－4567—8901 2345",
    ],
)
def test_a_code_is_read_whatever_spaces_dashes_or_full_width_digits_it_is_typed_with(typed):
    assert receipt_normalise(typed) == CODE


@pytest.mark.parametrize(
    "typed",
    ["", None, "012345678901234", "01234567890123456", "0123x456789012345", "٠١٢٣٤٥٦٧٨٩٠١٢٣٤٥"],
)
def test_anything_else_is_no_receipt(typed):
    assert receipt_normalise(typed) is None


def test_a_code_is_shown_in_groups_of_four():
    assert receipt_format(CODE) == "0123 4567 8901 2345"


def test_the_index_is_short_keyed_and_stable():
    index = receipt_index(CODE, b"k" * 32)
    assert len(index) == INDEX_HEX_CHARS and int(index, 16) >= 0
    assert receipt_index(CODE, b"k" * 32) == index
    assert receipt_index(CODE, b"j" * 32) != index
    assert receipt_index("1" + CODE[1:], b"k" * 32) != index


def test_a_hash_verifies_its_code_only():
    stored = receipt_hash(CODE, CHEAP)
    assert stored.startswith("$argon2id$") and CODE not in stored
    assert receipt_verify(stored, CODE)
    assert not receipt_verify(stored, "1" + CODE[1:])
    assert not receipt_verify("not a hash", CODE)


def test_the_dummy_hash_is_well_formed_and_matches_no_real_code():
    stored = dummy_hash(CHEAP)
    assert stored.startswith("$argon2id$")
    assert not receipt_verify(stored, CODE)
