"""As 版面编辑, in Chromium: the page board shows the automatic layout, re-flows on a drop,
flags an overset on its slot, undoes, saves; 出版 lists what blocks one edition and
publishes another."""

import datetime as dt
import re

import pytest

from chenbao.core.roles import PAGE_EDITOR
from chenbao.editions.layout.model import Grid
from tests.browser import desktop_page
from tests.editions.test_browser import grant_role

pytestmark = pytest.mark.browser

GRID = Grid()


def mouse_drag(page, x: float, y: float, dx: float, dy: float) -> None:
    page.mouse.move(round(x), round(y))
    page.mouse.down()
    page.mouse.move(round(x + dx), round(y + dy), steps=8)
    page.mouse.up()


def test_page_editor_lays_out_a02_on_the_board_and_releases_editions(
    transactional_db, live_server, reference_page, make_user, draft
):
    from playwright.sync_api import expect

    from chenbao.editions.models import Edition, PageSlot, PrintedPage, StoryPlacement

    grant_role("版面编辑")
    make_user("banmian", PAGE_EDITOR)
    blocked_edition = Edition.objects.create(date=dt.date(2026, 12, 3))
    blocked_page = PrintedPage.objects.create(edition=blocked_edition, number="A05")
    StoryPlacement.objects.create(page=blocked_page, story=draft, sort_order=1)

    with desktop_page() as page:
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", "banmian")
        page.fill("#id_password", "pw-banmian")
        page.locator("form button[type=submit]").click()
        page.wait_for_url("**/admin/")
        page.goto(f"{live_server.url}/admin/editions/pages/{reference_page.pk}/board/")

        slots = page.locator(".page-board__slot")
        status = page.locator("[data-board-status]")
        image = page.locator("[data-board-image]")
        expect(slots).to_have_count(5)
        expect(status).to_contain_text("自动排版")
        second = page.locator('[data-board-slot="story-2"]')
        expect(second).to_contain_text("民生建设进展如何")
        before = image.get_attribute("src")
        px = page.locator("[data-board-page]").bounding_box()["width"] / GRID.type_width

        # Move the second story 20 mm down: the page is set again beside the board.
        box = second.bounding_box()
        mouse_drag(page, box["x"] + 30, box["y"] + 30, 0, 20 * px)
        expect(status).to_contain_text("已重排", timeout=20000)
        assert image.get_attribute("src") != before
        expect(second).to_have_attribute("aria-label", re.compile("距版心顶123毫米"))
        assert int(page.locator("[data-page-board]").get_attribute("data-reflow-ms")) > 0

        # Squeeze the lead story to 40 mm: it no longer fits, and its slot says by how much.
        lead = page.locator('[data-board-slot="story-1"]')
        box = lead.bounding_box()
        mouse_drag(
            page,
            box["x"] + box["width"] - 3,
            box["y"] + box["height"] - 3,
            0,
            -(box["height"] - 40 * px),
        )
        flagged = lead.locator(".page-board__slot-problem")
        expect(flagged).to_contain_text(re.compile(r"超版\d+字"), timeout=20000)
        assert int(lead.get_attribute("data-overset-chars")) > 100

        # Undo: the lead story has its room again.
        page.locator("[data-board-undo]").click()
        expect(lead.locator(".page-board__slot-problem")).to_have_count(0, timeout=20000)
        expect(second).to_have_attribute("aria-label", re.compile("距版心顶123毫米"))

        page.locator("[data-board-save]").click()
        expect(status).to_have_text("版式已保存")
        assert PageSlot.objects.filter(page=reference_page).count() == 5

        # 出版 of an edition whose story has not passed review: refused, with its reasons.
        page.goto(f"{live_server.url}/admin/editions/{blocked_edition.pk}/publish/")
        page.locator("[data-release-button]").click()
        reasons = page.locator("[data-release-blocked]")
        expect(reasons).to_contain_text("未通过终审", timeout=60000)
        expect(reasons).to_contain_text("尚未一校")

        # 出版 of the archive edition: published as imported.
        page.goto(f"{live_server.url}/admin/editions/{reference_page.edition_id}/publish/")
        page.locator("[data-release-button]").click()
        expect(page.locator("body")).to_contain_text("已出版", timeout=60000)
