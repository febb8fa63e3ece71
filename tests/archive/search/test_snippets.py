"""Snippets of a hit (archive/search/snippets.py): the matches marked, the rest escaped."""

from chenbao.archive.search.snippets import WIDTH, snippet_html


def test_every_match_in_the_snippet_is_marked():
    text = "本报讯 淄博市今年改造燃气管网120公里，燃气安全检查覆盖全市。"
    assert snippet_html(text, ["燃气"]).count("<mark>燃气</mark>") == 2


def test_the_snippet_starts_near_the_first_match_and_says_what_it_left_out():
    text = "开头" * 100 + "燃气管网" + "结尾" * 100
    html = snippet_html(text, ["燃气管网"])
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>燃气管网</mark>" in html
    assert len(html.replace("<mark>", "").replace("</mark>", "")) <= WIDTH + 2


def test_markup_in_a_story_is_escaped_and_the_result_is_safe_for_templates():
    html = snippet_html("<b>注意</b> 供暖", ["供暖"])
    assert html == "&lt;b&gt;注意&lt;/b&gt; <mark>供暖</mark>"
    assert html.__html__() == str(html)  # Django's templates do not escape it again


def test_full_width_text_is_found_by_its_folded_query_and_shown_as_printed():
    assert "<mark>ＡＥＤ</mark>" in snippet_html("配置ＡＥＤ除颤仪", ["aed"])


def test_the_longer_phrase_wins_where_two_overlap():
    assert snippet_html("燃气管网改造", ["燃气", "燃气管网"]) == "<mark>燃气管网</mark>改造"


def test_no_text_no_snippet_and_no_match_the_beginning():
    assert snippet_html("  ", ["供暖"]) == ""
    assert snippet_html("淄博市新闻", ["供暖"]) == "淄博市新闻"
