"""Chinese text to search terms (archive/search/tokens.py): the same cut for index and query."""

import random
from collections import Counter

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


def test_common_grams_count_stories_not_occurrences():
    from chenbao.archive.search.tokens import common_grams

    stories = [("民生建设", "民生建设民生建设")] + [("其他", "民生建设。城市书房")] * 2
    stories += [("城市书房", "")] + [("无关", "供暖季")] * 96
    kept = common_grams(stories, share=0.03)  # in 3 of 100 stories
    assert {"民生建设", "城市书房", "|民生建设|", "|城市书房|"} <= set(kept)
    assert "生建设|" in kept  # a gram may hold a break (a quoted phrase may)
    assert "建设|城" not in kept  # in 2 stories
    fewer = common_grams(stories, share=0.04)  # 民生建设 5 times, but in 3 stories
    assert "民生建设" not in fewer and "|供暖季" in fewer
    assert common_grams(stories, share=0.03, most=1) == ["|供暖季", "|城市书房|"]  # each length


def test_common_grams_are_every_string_of_four_or_six_units_that_enough_stories_hold():
    """Counting a length only where the shorter strings are common finds what counting every
    string would (a brute force over random stories)."""
    from chenbao.archive.search.tokens import common_grams, framed_units, gram_units, grams

    rng = random.Random(5)
    pieces = ["民生", "建设", "书", "，", "aed", "12"]
    stories = [  # empty, short and long texts
        tuple("".join(rng.choices(pieces, k=rng.randint(0, 12))) for _ in range(2))
        for _ in range(300)
    ] + [("书", "aed"), ("民生", "")]
    for share in (0.01, 0.02, 0.03):
        expected = []
        for n in (4, 6):
            held = Counter(
                g for s in stories for g in {g for t in s for g in grams(framed_units(t), n)}
            )
            expected += sorted(g for g, c in held.items() if c >= share * len(stories))
        assert common_grams(stories, share=share) == expected
        assert any(gram_units(g) == 6 for g in expected)  # grams of six units were found


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
    assert cover("“实干力行，聚焦”") == [(0, "实干力行"), (3, "行|聚焦")]  # a break is a unit
    units = parse_query("加速推进教育均衡发展").phrases[0].units
    assert gram_cover(units, 6) == [(0, "加速推进教育"), (4, "教育均衡发展")]
    assert gram_cover(units[:6], 6) == [(0, "加速推进教育")]


def test_a_gram_counts_its_units():
    from chenbao.archive.search.tokens import gram_units

    assert gram_units("aed除颤仪") == 4 and gram_units("|12月1日") == 5
