"""The Typst engine without the database: balancing, re-measuring, overset and overlaps."""

import dataclasses

import pytest

from chenbao.editions.engine import SlotBox, overlaps

from .conftest import make_pages


def test_columns_are_balanced_to_the_fewest_lines_that_hold_the_text(engine):
    grown = 0
    for page in make_pages(4):
        laid, problems = engine.lay_out(page)
        assert problems == []
        boxes, ends = engine.measure(laid)
        first, _ = engine.measure(laid, settle=False)  # each body at its first guess
        for box in (b for b in boxes if b.kind == "story"):
            assert engine._fits(box, ends[box.key]), (page.key, box.key)
            guess = next(b for b in first if b.key == box.key)
            added = round((box.body_h - guess.body_h) / box.pitch)
            slot = laid.slot(box.key)
            if added:
                grown += 1
                # One line less in every column and the text no longer fits.
                shorter = laid.with_slot(
                    dataclasses.replace(slot, extra_lines=slot.extra_lines + added - 1)
                )
                s_boxes, s_ends = engine.measure(shorter, settle=False)
                s_box = next(b for b in s_boxes if b.key == box.key)
                assert not engine._fits(s_box, s_ends[box.key]), (page.key, box.key)
    assert grown  # the first guess was short somewhere, so balancing was tested


def test_a_long_overrun_is_made_up_in_one_step_and_the_template_settles_the_same(engine):
    page = make_pages(1, seed=5, longest=6)[0]
    lead = page.slots[0]
    # The first guess far too short: the text overruns by many lines.
    squeezed = page.with_slot(dataclasses.replace(lead, extra_lines=-8))
    engine.settle = False  # balancing between compiles, in Python
    engine.measures = 0
    laid, problems = engine.lay_out(squeezed)
    assert problems == []
    assert engine.measures <= 4  # a line per pass would take 9 or more
    by_python = {b.key: b.body_h for b in engine.measure(laid, settle=False)[0]}
    engine.settle = True  # balancing inside one compile, in the template
    engine.measures = 0
    laid, problems = engine.lay_out(squeezed)
    assert problems == [] and engine.measures == 1
    by_template = {b.key: b.body_h for b in engine.measure(laid)[0]}
    assert by_template == by_python


def test_each_measure_lays_out_the_page_it_is_given(engine):
    page = make_pages(1)[0]
    lead = page.slots[0]
    boxes, _ = engine.measure(page, settle=False)
    taller = page.with_slot(dataclasses.replace(lead, extra_lines=lead.extra_lines + 3))
    taller_boxes, _ = engine.measure(taller, settle=False)
    before = next(b for b in boxes if b.key == lead.key)
    after = next(b for b in taller_boxes if b.key == lead.key)
    assert after.body_h == pytest.approx(before.body_h + 3 * before.pitch, abs=0.01)


def test_overset_story_is_cut_to_fill_its_slot_and_the_rest_reported(engine):
    overset = 0
    for seed in (1, 2):
        for page in make_pages(3, seed=seed, longest=40):
            laid, problems = engine.lay_out(page)
            boxes, ends = engine.measure(laid)
            for problem in problems:
                assert problem.kind == "overset" and problem.chars > 0
                overset += 1
                box = next(b for b in boxes if b.key == problem.slot)
                assert engine._fits(box, ends[box.key])
                # Full: not another line would fit in the slot (a cut judged at the cut
                # text's first-guess height used to leave a third of it empty).
                assert box.body_h + box.pitch > box.body_avail + 0.5, (page.key, box.key)
                kept = laid.slot(box.key).story.body_chars()
                assert kept + problem.chars == page.slot(box.key).story.body_chars()
    assert overset >= 2


def test_pdf_only_leaves_out_the_image(engine):
    rendered = engine.render(make_pages(1)[0], png=False)
    assert rendered.png == b"" and rendered.pdf.startswith(b"%PDF")


def test_slots_that_land_on_each_other_are_reported_and_the_page_still_renders(engine):
    page = make_pages(1)[0]
    first, second = [s for s in page.slots if s.kind == "story"][:2]
    moved = dataclasses.replace(second, col=first.col, top=first.top + 20, after=())
    rendered = engine.render(page.with_slot(moved), png=False)
    overlaps = [p for p in rendered.problems if p.kind == "overlap"]
    assert len(overlaps) == 1
    assert first.key in overlaps[0].message and second.key in overlaps[0].message
    assert "版位重叠" in overlaps[0].message
    assert rendered.pdf.startswith(b"%PDF")
    assert not [p for p in engine.render(page, png=False).problems if p.kind == "overlap"]


def test_overlap_needs_more_than_touching():
    def box(key, x, y, w, h):
        return SlotBox(key=key, kind="story", x=x, y=y, w=w, h=h)

    side_by_side = [box("a", 0, 0, 100, 100), box("b", 100, 0, 100, 100)]
    stacked = [box("a", 0, 0, 100, 100), box("b", 0, 100.3, 100, 50)]
    assert overlaps("A01", side_by_side) == [] and overlaps("A01", stacked) == []
    crossing = [box("a", 0, 0, 100, 100), box("b", 50, 50, 100, 100)]
    assert [p.slot for p in overlaps("A01", crossing)] == ["b"]
