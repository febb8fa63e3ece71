"""A page editor drags the page's slots about on the preview in the admin, and saves."""

import importlib
from decimal import Decimal

import pytest

from chenbao.core.roles import PAGE_EDITOR
from chenbao.editions.layout.model import Grid
from tests.browser import desktop_page

pytestmark = pytest.mark.browser

GRID = Grid()
PITCH = GRID.column_width + GRID.gutter


def grant_role(name: str) -> None:
    """Give a role group its model permissions again: an earlier transactional test may have
    flushed what migration core 0003 granted."""
    from django.contrib.auth.models import Group, Permission

    roles = importlib.import_module("chenbao.core.migrations.0003_role_permissions")
    group = Group.objects.get_or_create(name=name)[0]
    for label in [roles.ACCESS_ADMIN, *roles.ROLE_PERMISSIONS[name][2]]:
        app_label, codename = label.split(".")
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )


def drag(page, locator, dx_mm: float, dy_mm: float, *, at: str = "body") -> None:
    """Drag `locator` (a slot, or its resize handle with at="handle") by millimetres."""
    board = page.locator("[data-slot-board-page]").bounding_box()
    px = board["width"] / GRID.type_width
    box = locator.bounding_box()
    if at == "handle":
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    else:  # near the top-left corner, away from the handle
        x, y = box["x"] + 8, box["y"] + 8
    # Whole pixels, so the distance moved is off by at most half a pixel (under 0.4 mm).
    x, y = round(x), round(y)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + round(dx_mm * px), y + round(dy_mm * px), steps=6)
    page.mouse.up()


def test_page_editor_drags_slots_on_the_preview_and_saves(
    transactional_db, live_server, reference_page, make_user
):
    from playwright.sync_api import expect

    from chenbao.editions.models import PageSlot

    grant_role("版面编辑")
    make_user("banmian", PAGE_EDITOR)
    lead_story, second_story = [p.story for p in reference_page.story_placements.all()][:2]
    lead = PageSlot.objects.create(
        page=reference_page,
        sort_order=0,
        key="头条",
        story=lead_story,
        column=1,
        span=4,
        top_mm=0,
        height_mm=150,
    )
    second = PageSlot.objects.create(
        page=reference_page,
        sort_order=1,
        key="二条",
        story=second_story,
        column=5,
        span=2,
        top_mm=0,
        height_mm=100,
    )

    with desktop_page() as page:
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", "banmian")
        page.fill("#id_password", "pw-banmian")
        page.locator("form button[type=submit]").click()
        page.wait_for_url("**/admin/")
        page.goto(
            f"{live_server.url}/admin/snippets/editions/printedpage/edit/{reference_page.pk}/"
        )

        rects = page.locator(".slot-board__slot")
        first, other = (page.locator(f'[data-slot-prefix="slots-{i}"]') for i in (0, 1))
        expect(rects).to_have_count(2)
        expect(first).to_contain_text("头条")
        expect(first).to_contain_text(lead_story.title)
        expect(other).to_contain_text("二条")
        note = page.locator("[data-slot-board-note]")
        expect(note).to_have_text("")
        page.locator("[data-slot-board-page]").scroll_into_view_if_needed()

        def field(index: int, name: str):
            return page.locator(f"#id_slots-{index}-{name}")

        # Two columns left and 40 mm down: onto the lead story, so both turn red.
        drag(page, other, -2 * PITCH, 40)
        expect(field(1, "column")).to_have_value("3")
        expect(field(1, "top_mm")).to_have_value("40")
        expect(field(1, "span")).to_have_value("2")
        expect(note).to_have_text("版位重叠：头条、二条")
        expect(page.locator(".slot-board__slot.is-overlapping")).to_have_count(2)

        # Further down, clear of it.
        drag(page, other, 0, 160)
        expect(field(1, "top_mm")).to_have_value("200")
        expect(field(1, "column")).to_have_value("3")
        expect(note).to_have_text("")
        expect(page.locator(".slot-board__slot.is-overlapping")).to_have_count(0)

        # The handle: one column narrower, 20 mm taller.
        drag(page, other.locator("[data-slot-handle]"), -PITCH, 20, at="handle")
        expect(field(1, "span")).to_have_value("1")
        expect(field(1, "height_mm")).to_have_value("120")
        expect(field(1, "column")).to_have_value("3")

        # Dragged far off the page, it stops at the last column and the type area's foot.
        drag(page, other, 10 * PITCH, GRID.type_height)
        expect(field(1, "column")).to_have_value(str(GRID.columns))
        expect(field(1, "top_mm")).to_have_value(f"{GRID.type_height - 120:g}")

        # Keyboard: a column left, a millimetre up; Shift widens.
        other.focus()
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowUp")
        page.keyboard.press("Shift+ArrowRight")
        expect(field(1, "column")).to_have_value(str(GRID.columns - 2))
        expect(field(1, "top_mm")).to_have_value(f"{GRID.type_height - 121:g}")
        expect(field(1, "span")).to_have_value("2")

        # Typing a number moves the rectangle.
        before = first.bounding_box()["height"]
        field(0, "height_mm").fill("75")
        page.wait_for_function(
            "h => document.querySelector('[data-slot-prefix=\"slots-0\"]')"
            ".getBoundingClientRect().height < h * 0.6",
            arg=before,
        )

        # Adding a slot adds a rectangle (full width from the top: it overlaps); deleting
        # it takes it away again.
        page.locator("#id_slots-ADD").click()
        expect(rects).to_have_count(3)
        expect(page.locator('[data-slot-prefix="slots-2"]')).to_contain_text("稿件")
        expect(note).to_contain_text("版位重叠")
        page.locator("#id_slots-2-DELETE-button").click()
        expect(rects).to_have_count(2)
        expect(note).to_have_text("")

        page.get_by_role("button", name="保存", exact=True).click()
        page.wait_for_url("**/admin/snippets/editions/printedpage/")

    second.refresh_from_db()
    lead.refresh_from_db()
    assert (second.column, second.span) == (GRID.columns - 2, 2)
    assert second.top_mm == Decimal(f"{GRID.type_height - 121:g}")
    assert second.height_mm == Decimal(120)
    assert lead.height_mm == Decimal(75)
    assert (lead.column, lead.span, lead.top_mm) == (1, 4, 0)
    assert PageSlot.objects.filter(page=reference_page).count() == 2
