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


def test_grams_are_four_units_at_the_position_of_their_first_pair():
    from chenbao.archive.search.tokens import framed_units, gram_text, grams

    framed = framed_units("民生建设，AED")
    assert list(grams(framed)) == ["|民生建", "民生建设", "生建设|", "建设|aed", "设|aed|"]
    # only the kept ones, each where its first pair stands; the rest are fillers
    assert gram_text(framed, {"民生建设": "民生建设"}) == "_ 民生建设 _ _ _"
    assert index_text("民生建设，AED").split()[1] == "民生"  # the same position: 1
    assert gram_text(framed, {}) == ""  # no grams kept: nothing written


def test_common_grams_count_stories_not_occurrences_and_never_span_a_break():
    from chenbao.archive.search.tokens import common_grams

    stories = [("民生建设", "民生建设民生建设")] + [("其他", "民生建设。城市书房")] * 2
    stories += [("城市书房", "")] + [("无关", "供暖季")] * 96
    assert common_grams(stories, share=0.03) == ["城市书房", "民生建设"]  # 3 and 3 of 100
    assert common_grams(stories, share=0.04) == []
    assert common_grams([("民生，建设", "")] * 5) == []  # "生|建" has a break
    assert common_grams(stories, share=0.03, most=1) in (["城市书房"], ["民生建设"])


def test_a_phrase_is_covered_by_the_fewest_grams():
    from chenbao.archive.search.tokens import gram_cover

    def cover(query):
        return gram_cover(parse_query(query).phrases[0].units)

    assert cover("民生建设") == [(0, "民生建设")]
    assert cover("老旧小区改造") == [(0, "老旧小区"), (2, "小区改造")]
    assert cover("燃气管网改") == [(0, "燃气管网"), (1, "气管网改")]
    assert cover("加速推进教育均衡发展") == [(0, "加速推进"), (4, "教育均衡"), (6, "均衡发展")]
    assert cover("12月1日") == [(0, "12月1日")]  # a digit word is one unit
    assert cover("城市书") == []  # shorter than a gram
    assert cover("“实干力行，聚焦”") == []  # a break inside: pairs only
