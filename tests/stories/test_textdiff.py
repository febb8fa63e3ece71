"""The revision diff marks changed Chinese characters, not whole clauses."""

from hypothesis import given
from hypothesis import strategies as st

from chenbao.stories.textdiff import diff, tokenise


def test_one_changed_character_is_marked_alone():
    assert diff("增加学位1.2万个", "增加学位1.1万个") == [
        ("equal", "增加学位1."),
        ("deletion", "2"),
        ("addition", "1"),
        ("equal", "万个"),
    ]


def test_inserted_characters_inside_a_clause():
    assert diff("今年全市新建公办幼儿园", "今年全市新建、改扩建公办幼儿园") == [
        ("equal", "今年全市新建"),
        ("addition", "、改扩建"),
        ("equal", "公办幼儿园"),
    ]


def test_latin_words_and_numbers_stay_whole():
    assert tokenise("PM2.5指数 2022年") == ["PM2", ".", "5", "指", "数", " ", "2022", "年"]


@given(st.text(), st.text())
def test_the_diff_rebuilds_both_texts(a, b):
    changes = diff(a, b)
    assert "".join(v for k, v in changes if k != "addition") == a
    assert "".join(v for k, v in changes if k != "deletion") == b
