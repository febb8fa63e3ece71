"""The labelled set's reader and scorer: marks stripped where they sit, figures matched."""

from decimal import Decimal

import pytest

from chenbao.figures.labelled import Gold, LabelledStory, Score, read_set, read_story, score_set

MARKED = (
    "# 标题里的9个不算\n"
    "全区城镇新增就业⟦1.26万人|12600|人|f⟧,完成年度目标的⟦105%|105|%|f⟧,"
    "电话12345。新建学校⟦3所|4|所|t⟧。"
)


def test_marks_are_stripped_and_remembered_where_they_sit():
    story = read_story("x.txt", MARKED)
    assert story.text == "全区城镇新增就业1.26万人,完成年度目标的105%,电话12345。新建学校3所。"
    assert story.gold[0] == Gold("1.26万人", Decimal("12600"), "人", "figure", 8, 14)
    assert [g.kind for g in story.gold] == ["figure", "figure", "target"]
    for gold in story.gold:
        assert story.text[gold.start : gold.end] == gold.text


def test_an_unclosed_or_malformed_mark_is_refused():
    with pytest.raises(ValueError, match="bad.txt"):
        read_story("bad.txt", "新增就业⟦1.26万人|12600|人⟧")
    with pytest.raises(ValueError):
        read_story("bad.txt", "新增就业⟦1.26万人|12600|人|f")


def test_a_set_is_read_in_file_name_order(tmp_path):
    (tmp_path / "02_b.txt").write_text("新建⟦3所|3|所|f⟧", encoding="utf-8")
    (tmp_path / "01_a.txt").write_text("新建⟦5处|5|处|f⟧", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a story", encoding="utf-8")
    assert [s.name for s in read_set(tmp_path)] == ["01_a.txt", "02_b.txt"]


def test_a_score_counts_matches_wrong_values_and_wrong_kinds():
    score = score_set([read_story("x", MARKED)])
    assert score.true_pos["figure"] == 2 and score.false_neg["target"] == 1
    assert score.false_pos["figure"] == 1  # 3所 found, but as a figure, not a target
    assert (score.matched, score.values_right, score.units_right) == (3, 2, 3)
    assert score.misses == ["x: 3所 读成 3 所（应为 4 所）", "x: 3所 判为 figure（应为 target）"]
    assert score.precision() == pytest.approx(2 / 3)
    assert score.recall("target") == 0.0
    assert score.gold_count() == 3 and score.gold_count("figure") == 2


def test_a_figure_found_but_not_marked_costs_precision():
    story = LabelledStory("y", "新建公园5处。", [])
    score = score_set([story])
    assert score.false_pos["figure"] == 1 and score.misses == ["y: 多出 5处（figure）"]
    assert score.precision() == 0.0 and score.recall() == 1.0


def test_a_marked_figure_not_found_is_a_miss():
    story = LabelledStory("z", "没有数字", [Gold("九", Decimal(9), "", "figure", 0, 1)])
    score = score_set([story])
    assert score.false_neg["figure"] == 1 and score.misses == ["z: 漏了 九（figure）"]


def test_an_empty_score_is_perfect_rather_than_undefined():
    assert Score().precision() == 1.0 and Score().recall("ranking") == 1.0
