"""Chinese line-breaking rules checked on set lines (layout/clreq.py)."""

from chenbao.editions.layout.clreq import line_faults


def test_clreq_counts_forbidden_line_starts_ends_and_split_marks():
    good = ["会议指出，当前形势", "严峻复杂。“三个坚", "定不移”不动摇——坚", "持到底……"]
    assert line_faults(good) == []
    bad = ["会议指出", "，当前形势“", "三个坚定不移—", "—坚持（", "……", "%增长"]
    kinds = [(f.line, f.kind) for f in line_faults(bad)]
    assert (1, "start") in kinds and (1, "end") in kinds
    assert (2, "split") in kinds
    assert (3, "end") in kinds and (4, "start") in kinds and (5, "start") in kinds


def test_ascii_marks_obey_the_rules_and_blank_lines_are_skipped():
    faults = line_faults(["  会议指出(", "", ",当前形势严峻", "   "])
    assert [(f.line, f.kind) for f in faults] == [(0, "end"), (2, "start")]
    assert faults[0].text == "会议指出("


def test_a_two_em_mark_split_across_a_blank_line_is_not_a_split():
    assert line_faults(["坚持到底—", "", "—不动摇"]) == []
