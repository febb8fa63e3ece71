"""Half-width marks beside Chinese become full width; numbers, Latin and URLs keep theirs."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chenbao.core.punctuation import zh_punctuation


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "今年,全市新增就业5.34万人,完成目标的112%.",
            "今年，全市新增就业5.34万人，完成目标的112%。",
        ),
        ("民生建设进展如何?", "民生建设进展如何？"),
        ("坚定信心!", "坚定信心！"),
        ("(记者 张三)报道", "（记者 张三）报道"),
        ("约11.06亿元; 2022—2024年", "约11.06亿元；2022—2024年"),
        ("时间: 12:30,地点:淄博", "时间：12:30，地点：淄博"),
        ("AED,包括除颤仪", "AED，包括除颤仪"),
        ("等等...然后", "等等……然后"),
        ("“一窗受理”,让大家少跑路", "“一窗受理”，让大家少跑路"),
        ("今年 , 全市", "今年，全市"),
    ],
)
def test_marks_beside_chinese_become_full_width(text, want):
    assert zh_punctuation(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "1.95",
        "1,000",
        "12:30",
        "Hello, world (again)!",
        "见 https://paper.example/a?b=1,2 和 mail.me@example.com",
        "2022—2024",
        "",
    ],
)
def test_numbers_latin_words_and_addresses_keep_their_marks(text):
    kept = zh_punctuation(text)
    for token in ("1.95", "1,000", "12:30", "Hello, world (again)!", "a?b=1,2", "mail.me@"):
        if token in text:
            assert token in kept


@given(st.text(alphabet="今年全市ab12 ,.;:?!()“”%", max_size=40))
def test_only_marks_change_and_running_it_twice_changes_nothing_more(text):
    once = zh_punctuation(text)
    assert zh_punctuation(once) == once
    marks = ",.;:?!() ，。；：？！（）…"
    assert [c for c in once if c not in marks] == [c for c in text if c not in marks]
