"""System checks of the tip-line: the keys, and ffmpeg for readers' videos."""

from django.test import override_settings

from chenbao.tips import checks
from chenbao.tips.checks import check_ffmpeg, check_tip_keys
from tests.tips.keyrotation import NEW, OLD


def test_a_single_key_or_keys_with_an_index_key_pass():
    with override_settings(CHENBAO_TIP_KEY=OLD, CHENBAO_TIP_INDEX_KEY=""):
        assert check_tip_keys() == []
    with override_settings(CHENBAO_TIP_KEY=f"{NEW},{OLD}", CHENBAO_TIP_INDEX_KEY=OLD):
        assert check_tip_keys() == []


def test_missing_or_ambiguous_keys_are_an_error_pointing_at_the_docs():
    for keys, index in ((" ", ""), (f"{NEW},{OLD}", "")):
        with override_settings(CHENBAO_TIP_KEY=keys, CHENBAO_TIP_INDEX_KEY=index):
            [error] = check_tip_keys()
        assert error.id == "tips.E001" and "Rotating the key" in error.hint
        assert "CHENBAO_TIP" in error.msg and NEW not in error.msg


def test_a_missing_ffmpeg_is_a_warning_and_a_present_one_is_not(monkeypatch):
    monkeypatch.setattr(checks.video, "ffmpeg", lambda: None)
    [warning] = check_ffmpeg()
    assert warning.id == "tips.W001" and "ffmpeg" in warning.hint
    monkeypatch.setattr(checks.video, "ffmpeg", lambda: "/usr/bin/ffmpeg")
    assert check_ffmpeg() == []
