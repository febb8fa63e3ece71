"""What the tip-line's writes refuse (TipError) and take in (Upload)."""

import dataclasses

import pytest

from chenbao.tips.services.errors import TipError, Upload


def test_a_tip_error_is_a_value_error_carrying_its_chinese_message():
    with pytest.raises(ValueError, match="最多 5000 个字"):
        raise TipError("最多 5000 个字")


def test_an_upload_holds_its_bytes_and_is_not_changed_afterwards():
    upload = Upload(b"\xff\xd8")
    assert upload.data == b"\xff\xd8" and upload == Upload(b"\xff\xd8")
    with pytest.raises(dataclasses.FrozenInstanceError):
        upload.data = b""
