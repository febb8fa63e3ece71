"""Template filters for newsroom text shown to readers."""

from django.contrib.auth import get_user_model

from chenbao.core.templatetags.chenbao_text import person, zh_punct


def test_half_width_marks_beside_chinese_are_set_full_width():
    assert zh_punct("淄博,今天晴.") == "淄博，今天晴。"


def test_nothing_reads_as_empty_and_non_text_as_its_text():
    assert zh_punct(None) == "" and zh_punct("") == ""
    assert zh_punct(42) == "42"


def test_a_user_reads_as_their_name_and_no_user_as_a_dash():
    User = get_user_model()
    assert person(User(username="wang", first_name="小明")) == "小明"
    assert person(User(username="wang")) == "wang"
    assert person(None) == "—"
