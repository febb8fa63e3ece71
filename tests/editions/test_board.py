"""The page board: the current layout as slots, re-flowed with the editor's slots, saved."""

import json
import re

import pytest
from django.test import Client

from chenbao.core.models import AuditEntry
from chenbao.core.roles import PAGE_EDITOR, REPORTER
from chenbao.editions.board import BoardError, board_context, board_rows, board_state
from chenbao.editions.layout.board import Rect
from chenbao.editions.models import PageSlot


def kinds(state) -> list[str]:
    return sorted(s.kind for s in state.slots)


def as_data(state) -> list[dict]:
    return [
        {k: v for k, v in vars(s).items() if k not in ("problems", "overset_chars")}
        for s in state.slots
    ]


def test_a_page_without_slots_shows_its_automatic_layout_as_slots(reference_page):
    state = board_state(reference_page)
    assert state.automatic
    assert kinds(state) == ["ad", "story", "story", "tipline", "weather"]
    assert state.image.startswith("data:image/png;base64,")
    rects = [Rect(s.key, s.column, s.span, s.top, s.height) for s in state.slots]
    assert all(not a.overlaps(b) for i, a in enumerate(rects) for b in rects[i + 1 :])
    lead = next(s for s in state.slots if s.key == "story-1")
    assert (lead.column, lead.span) == (1, 4) and lead.story and lead.label
    assert not any(s.problems for s in state.slots)


def test_the_automatic_slots_laid_out_as_saved_slots_give_the_same_page(reference_page):
    state = board_state(reference_page)
    again = board_state(reference_page, data={"slots": as_data(state)})
    assert not again.automatic
    assert [(s.key, s.column, s.span, s.top) for s in again.slots] == [
        (s.key, s.column, s.span, s.top) for s in state.slots
    ]
    assert not any(s.problems for s in again.slots), [s.problems for s in again.slots]


def test_a_story_squeezed_into_a_small_slot_is_flagged_with_the_characters_to_cut(
    reference_page,
):
    slots = as_data(board_state(reference_page))
    lead = next(s for s in slots if s["key"] == "story-1")
    lead["height"] = 60
    state = board_state(reference_page, data={"slots": slots})
    flagged = next(s for s in state.slots if s.key == "story-1")
    assert flagged.overset_chars > 100
    assert f"超版{flagged.overset_chars}字" in flagged.problems[0]


def test_overlapping_slots_are_flagged_on_both(reference_page):
    slots = as_data(board_state(reference_page))
    weather = next(s for s in slots if s["kind"] == "weather")
    weather["column"] = 3  # onto the lead story
    state = board_state(reference_page, data={"slots": slots})
    flagged = {s.key for s in state.slots if any("重叠" in p for p in s.problems)}
    assert {"story-1", "weather"} <= flagged


def test_a_new_slot_goes_to_the_first_free_place(reference_page):
    slots = [s for s in as_data(board_state(reference_page)) if s["kind"] != "weather"]
    slots.append({"key": "wx", "kind": "weather", "column": None, "span": 2, "height": 40})
    state = board_state(reference_page, data={"slots": slots})
    new = next(s for s in state.slots if s.key == "wx")
    assert (new.column, new.top) == (5, 0)
    assert not new.problems


@pytest.mark.parametrize(
    ("slots", "says"),
    [
        ("nope", "格式"),
        ([{"kind": "poster"}], "未知"),
        ([{"kind": "story", "story": 999999, "column": 1, "span": 2, "height": 10}], "不在本版"),
        ([{"kind": "ad", "ad": 999999, "column": 1, "span": 2, "height": 10}], "不在本版"),
        ([{"kind": "weather", "column": 9, "span": 2, "height": 10}], "起始栏"),
        ([{"kind": "weather", "column": 1, "span": 2, "height": "tall"}], "不是数字"),
        ([{"kind": "weather", "column": 1, "span": 2, "height": 1e9}], "高度"),
        ([{"kind": "weather", "column": 1, "span": 2, "height": 10}] * 41, "最多"),
    ],
)
def test_bad_slots_are_refused_in_chinese(reference_page, slots, says):
    ctx = board_context(reference_page)
    with pytest.raises(BoardError, match=says):
        board_rows(reference_page, slots, ctx=ctx)


def test_a_full_page_has_no_place_for_a_new_slot(reference_page):
    ctx = board_context(reference_page)
    slots = [
        {"kind": "weather", "column": 1, "span": 6, "top": 0, "height": 380},
        {"kind": "tipline", "column": None, "span": 6, "height": 100},
    ]
    with pytest.raises(BoardError, match="空位"):
        board_rows(reference_page, slots, ctx=ctx)


def test_the_page_editor_previews_saves_and_resets_through_the_views(make_user, reference_page):
    client = Client()
    client.force_login(make_user("banmian", PAGE_EDITOR))
    base = f"/admin/editions/pages/{reference_page.pk}/board/"
    html = client.get(base).content.decode()
    assert "版面编辑台" in html and "page-board-state" in html and "interact.min.js" in html
    found = re.search(r'id="page-board-state"[^>]*>(.*?)</script>', html, re.S)
    state = json.loads(found.group(1))
    slots = state["slots"]
    slots[0]["top"] += 5
    answer = client.post(base + "preview/", {"slots": slots}, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["automatic"] is False
    saved = client.post(base + "save/", {"slots": slots}, content_type="application/json")
    assert saved.json() == {"saved": len(slots), "automatic": False}
    assert PageSlot.objects.filter(page=reference_page).count() == len(slots)
    assert board_state(reference_page).slots[0].top == slots[0]["top"]
    bad = client.post(base + "preview/", b"{not json", content_type="application/json")
    assert bad.status_code == 400 and "格式" in bad.json()["error"]
    reset = client.post(base + "save/", {"automatic": True}, content_type="application/json")
    assert reset.json()["automatic"] is True
    assert not PageSlot.objects.filter(page=reference_page).exists()
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert "page.layout" in actions and "page.layout_reset" in actions


def test_other_roles_cannot_use_the_board(make_user, reference_page):
    client = Client()
    client.force_login(make_user("rep", REPORTER))
    base = f"/admin/editions/pages/{reference_page.pk}/board/"
    answer = client.post(base + "save/", {"automatic": True}, content_type="application/json")
    assert answer.status_code == 302
    assert not AuditEntry.objects.filter(action__startswith="page.layout").exists()
