"""The Typst engine without the database: balancing, re-measuring, rendering on threads."""

import dataclasses
import json
import random
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chenbao.editions.balance import body_floor
from chenbao.editions.engine import SlotBox, TypstEngine, overlaps
from chenbao.editions.layout.arrange import arrange_page
from chenbao.editions.layout.model import Block, Folio, Page, StoryContent
from chenbao.editions.pool import RenderFailed, RenderPool, render_pages

SENTENCES = [
    "市民服务中心今天正式启用，窗口从原来的二十个增加到六十个。",
    "记者在现场看到，前来办事的群众有序排队，“一窗受理”让大家少跑了不少路。",
    "今年以来，全市新增城镇就业5.34万人，完成年度目标的112%。",
    "该项目总投资约11.06亿元，预计明年6月建成投用——届时将新增停车位1200个。",
    "截至11月底，全市累计改造老旧小区46个，惠及居民1.3万户……",
]


def make_pages(count: int, seed: int = 3, longest: int = 9) -> list[Page]:
    rng = random.Random(seed)
    pages = []
    for p in range(1, count + 1):
        stories = []
        for s in range(3):
            blocks = []
            for i in range(rng.randint(1, longest if s == 0 else 4)):
                if i and i % 4 == 0:
                    blocks.append(Block("subhead", "工作稳步推进"))
                text = "".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 5)))
                blocks.append(Block("paragraph", text))
            n = p * 10 + s
            stories.append(
                StoryContent(f"story-{n}", f"我市第{n}项民生工程顺利推进", blocks=tuple(blocks))
            )
        folio = Folio("鲁中晨报", "2022年12月2日", "星期五", f"A{p:02d}", "要闻")
        pages.append(arrange_page(key=f"A{p:02d}", folio=folio, stories=stories))
    return pages


FOLIO = Folio("鲁中晨报", "2022年12月2日", "星期五", "A01", "要闻")


@pytest.fixture
def engine(tmp_path):
    return TypstEngine(root=tmp_path / "render")


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


def test_pages_rendered_on_threads_match_pages_rendered_here(engine, tmp_path):
    pages = make_pages(6)
    broken = pages[3].with_slot(
        dataclasses.replace(
            pages[3].slots[0],
            story=dataclasses.replace(
                pages[3].slots[0].story,
                blocks=(Block("image", "图", image="/img/no-such-file.png"),),
            ),
        )
    )
    pages[3] = broken
    here = render_pages(pages, root=engine.root, engine=engine, workers=1)
    finished = []
    with RenderPool(root=engine.root, workers=2) as pool:
        there = pool.render(pages, done=lambda i, r: finished.append(i))
    assert sorted(finished) == list(range(6))
    assert isinstance(there[3], RenderFailed) and isinstance(here[3], RenderFailed)
    assert there[3].key == "A04" and "no-such-file" in there[3].message
    for a, b in zip(here, there, strict=True):
        if isinstance(a, RenderFailed):
            continue
        assert a.key == b.key
        assert a.boxes == b.boxes
        assert a.png == b.png and a.png.startswith(b"\x89PNG")
        assert a.pdf.startswith(b"%PDF")


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


# Pieces of every kind a story body meets, ideographs the most: CJK punctuation
# (compressible), quotes, ellipses and dashes, digits, Latin words, spaces, full-width
# forms, an emoji. (A run that might not break, such as a URL, is left to Typst.)
BODY_PIECES = [
    *"市民服务中心今天正式启用窗口群众" * 3,
    *"，。、；：？！“”《》（）",
    "……",
    "——",
    "5.34",
    "112%",
    "2022",
    "GDP",
    "WiFi ",
    " ",
    "１２Ａ",
    "·",
    "😀",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    paragraphs=st.lists(
        st.lists(st.sampled_from(BODY_PIECES), min_size=1, max_size=90).map("".join),
        min_size=1,
        max_size=6,
    ),
    subheads=st.integers(0, 2),
    dateline=st.sampled_from(["", "淄博12月1日讯", "本报讯"]),
    bylines=st.sampled_from(["", "本报记者 王晓明 通讯员 李华"]),
)
def test_body_floor_is_never_above_the_height_typst_sets(
    tmp_path_factory, paragraphs, subheads, dateline, bylines
):
    # Balancing starts from the floor and only grows: a floor above the true height would
    # leave the columns taller than they need be.
    engine = TypstEngine(root=tmp_path_factory.mktemp("floor"))
    blocks = [Block("paragraph", t) for t in paragraphs]
    for i in range(subheads):
        blocks.insert(1 + i * 2, Block("subhead", "工作稳步推进"))
    story = StoryContent("s", "标题", dateline=dateline, blocks=tuple(blocks), bylines=bylines)
    page = arrange_page(key="A01", folio=FOLIO, stories=[story])
    floors = {s.key: body_floor(s, page.grid, engine.typography) for s in page.slots if s.story}
    with mock.patch("chenbao.editions.engine.body_floor", return_value=None):  # Typst measures
        engine.measure(page, settle=False)
    measured = {
        m["key"]: m["body_total"]
        for m in json.loads(engine._compiler.query("<cb-slot>", field="value"))
        if m["kind"] == "story"
    }
    for key, floor in floors.items():
        # None: a run that might not break, which Typst measures.
        assert floor is None or floor <= measured[key] + 0.01, (key, floor, measured[key])


def test_body_floor_of_news_text_is_close_to_the_height_typst_sets(engine):
    # Close enough that starting from it costs less than measuring the body (mostly one
    # settling step inside the same compile): within 20 % on ordinary news copy.
    for page in make_pages(3):
        floors = {s.key: body_floor(s, page.grid, engine.typography) for s in page.slots}
        with mock.patch("chenbao.editions.engine.body_floor", return_value=None):
            engine.measure(page, settle=False)
        for m in json.loads(engine._compiler.query("<cb-slot>", field="value")):
            if m["kind"] == "story":
                assert 0.8 * m["body_total"] <= floors[m["key"]] <= m["body_total"] + 0.01


def test_a_body_with_a_photo_is_measured_by_typst(engine):
    story = StoryContent("s", "标题", blocks=(Block("image", "图", image="/x.png"),))
    page = arrange_page(key="A01", folio=FOLIO, stories=[story])
    assert body_floor(page.slots[0], page.grid, engine.typography) is None


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
