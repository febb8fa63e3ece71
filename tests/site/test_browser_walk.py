"""The reader's walk of issue 12 on a phone (390 px) and a desktop (1440 px): home →
calendar → an earlier edition → page 2 → zoom → tap a story → 下一篇/上一篇 → 返回本版 (the
story's area highlighted) → the tip-line banner → /baoliao/. Every tappable thing on the
way is at least 44 × 44 px on the phone, and the phone's first view of a page weighs at
most 350 KB."""

import datetime as dt

import pytest

from tests.browser import PHONE, browser_page

pytestmark = pytest.mark.browser

DESKTOP_WIDE = {"viewport": {"width": 1440, "height": 1000}}
FIRST_VIEW_BYTES = 350 * 1024


def small_targets(page) -> list[str]:
    """The visible links and buttons of the page smaller than 44 × 44 px (their text)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('main a, main button, header a, footer a, nav a')]
            .filter(e => { const r = e.getBoundingClientRect();
                           return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'
                                  && (r.width < 44 || r.height < 44); })
            .map(e => (e.innerText || e.getAttribute('aria-label') || e.className).trim().slice(0, 30))"""
    )


def earlier_edition(date: dt.date):
    """An edition of two pages with two generated stories each (finished: every page has
    stories), before the reference page's 2 December."""
    import random

    from chenbao.editions.models import Edition, PrintedPage, StoryPlacement
    from chenbao.stories.services import section_get_or_create, story_save_published
    from tests.editions.conftest import generated_story_data

    rng = random.Random(12)
    section = section_get_or_create(name="本地")
    edition = Edition.objects.create(date=date, paper="鲁中晨报")
    n = 0
    for p in (1, 2):
        printed = PrintedPage.objects.create(edition=edition, number=f"A{p:02d}", name="本地")
        for s in range(2):
            n += 1
            story = story_save_published(
                section=section,
                slug=f"walk-{date:%Y%m%d}-{n}",
                data=generated_story_data(rng, n, paragraphs=3),
            )
            StoryPlacement.objects.create(page=printed, story=story, sort_order=s)
    return edition


@pytest.fixture
def two_editions(transactional_db, reference_page, live_server):
    from chenbao.editions.services.publish import edition_publish

    earlier = earlier_edition(dt.date(2022, 12, 1))
    edition_publish(edition=earlier, base_url=live_server.url)
    edition_publish(edition=reference_page.edition, base_url=live_server.url)
    return earlier


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_the_reader_s_walk(device, two_editions, live_server):
    options = PHONE if device == "phone" else DESKTOP_WIDE
    phone = device == "phone"
    with browser_page(**options) as page:
        weight = {"bytes": 0}
        page.on(
            "response",
            lambda r: weight.__setitem__(
                "bytes", weight["bytes"] + int(r.headers.get("content-length") or len(r.body()))
            ),
        )
        page.goto(live_server.url + "/")
        page.wait_for_load_state("networkidle")
        if phone:
            assert weight["bytes"] <= FIRST_VIEW_BYTES, weight["bytes"]
            assert small_targets(page) == []
        # the calendar of the editions held, then the earlier edition
        page.get_by_role("link", name="往期日历").click()
        page.locator("table.calendar").get_by_role("link", name="2022-12-01", exact=True).click()
        page.wait_for_url("**/epaper/2022-12-01/")
        # page 2 of it
        page.locator("nav.thumbs a, ol.page-list a", has_text="A02").first.click()
        page.wait_for_url("**/epaper/2022-12-01/A02/")
        if phone:
            assert small_targets(page) == []
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # zoom: the control enlarges the page image
        before = page.locator("#epaper-zoom").bounding_box()["width"]
        page.get_by_role("button", name="放大").click()
        page.wait_for_timeout(400)
        zoomed = page.locator("#epaper-zoom").evaluate("e => e.getBoundingClientRect().width")
        assert zoomed > before * 1.2
        page.get_by_role("button", name="复原").click()
        # tap a story: the first of the page's list
        first = page.locator("section.stories li a").first
        title = first.inner_text()
        first.click()
        page.wait_for_selector("h1.headline")
        assert page.locator("h1.headline").inner_text() == title
        story_url = page.url
        # 下一篇 then 上一篇 bring the reader back to the same story
        page.locator("a.next-story").click()
        page.wait_for_selector("h1.headline")
        assert page.url != story_url
        page.locator("a.previous-story").click()
        page.wait_for_url(story_url)
        if phone:
            assert small_targets(page) == []
        # 返回本版: the page, with this story's area highlighted
        page.locator("a.back-to-page").click()
        page.wait_for_url("**/epaper/2022-12-01/A02/#area-story-*")
        target = page.url.split("#", 1)[1]
        border = page.locator(f"#{target}").evaluate("a => getComputedStyle(a).borderTopWidth")
        assert border not in ("0px", ""), border
        # the tip-line: the banner on today's page is a button to /baoliao/
        page.goto(live_server.url + "/")
        page.locator(".tipline a.tipline-button").click()
        page.wait_for_url("**/baoliao/")
        assert page.get_by_label("发生了什么").is_visible()
