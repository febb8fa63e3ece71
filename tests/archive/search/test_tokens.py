"""Chinese text to search terms (archive/search/tokens.py): the same cut for index and query."""

from chenbao.archive.search.tokens import index_text, normalise, parse_query


def test_tokens_are_the_same_for_index_and_query():
    assert index_text("淄博，AED。") == "|淄 淄博 博| |aed aed|"
    assert index_text("超６３０家") == "|超 超630 630家 家|"
    phrases = parse_query("燃气管网  淄博").phrases
    assert [p.terms for p in phrases] == [("燃气", "气管", "管网"), ("淄博",)]
    assert parse_query("  ，。 ").empty
    assert [p.terms for p in parse_query("“书房，城市”").phrases] == [
        ("书房", "房|", "|城", "城市")
    ]
    assert [p.terms for p in parse_query("书房，城市").phrases] == [("书房",), ("城市",)]


def test_full_width_and_upper_case_fold_to_one_form():
    assert normalise("ＡＥＤ２０２２") == "aed2022"
    assert index_text("AED") == index_text("ａｅｄ")


def test_a_single_character_is_a_unit_of_its_own():
    (phrase,) = parse_query("燃").phrases
    assert phrase.single == "燃" and not phrase.latin
    (word,) = parse_query("AED").phrases
    assert word.single == "aed" and word.latin
    assert index_text("市") == "|市 市|"
