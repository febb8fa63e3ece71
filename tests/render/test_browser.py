"""A reader on a phone taps a story on the e-paper page image and lands on the story."""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from tests.browser import phone_page

pytestmark = pytest.mark.browser


SITE = "http://chenbao.test"


def _site_pages(paths: list[str]) -> dict[str, tuple[int, bytes, str]]:
    """Render the site's pages with Django's test client, in this test's transaction.

    The browser gets these answers for the site's URLs: a live server thread would not see
    the test's uncommitted data, and a transactional test would wipe Wagtail's page tree
    for the tests after it.
    """
    client = Client()
    pages = {}
    for path in paths:
        response = client.get(path)
        pages[path] = (response.status_code, response.content, response["Content-Type"])
    return pages


def test_tapping_a_story_area_on_a_phone_opens_the_story(reference_page, tmp_path):
    out = tmp_path / "publish"
    call_command("render", date="2022-12-02", out=str(out), base_url=SITE, no_progress=True)
    second = reference_page.story_placements.order_by("sort_order").last().story
    answers = _site_pages([p.story.url for p in reference_page.story_placements.all()])

    def serve(route):
        status, body, kind = answers.get(urlsplit(route.request.url).path, (404, b"", "text/plain"))
        route.fulfill(status=status, body=body, headers={"content-type": kind})

    with phone_page() as page:
        page.route(f"{SITE}/**", serve)
        page.goto((out / "2022-12-02" / "A02.html").as_uri())
        image = page.locator("#page-image")
        image.wait_for()
        page.wait_for_function("document.getElementById('page-image').naturalWidth > 0")
        shown = image.bounding_box()
        assert shown["width"] < 400  # the page image fits the phone's width
        # The areas were rescaled from the PNG's pixels to the shown width.
        coords = page.locator("area").nth(1).get_attribute("coords")
        left, top, right, bottom = map(int, coords.split(","))
        assert right <= shown["width"] + 1
        page.touchscreen.tap(shown["x"] + (left + right) / 2, shown["y"] + (top + bottom) / 2)
        page.wait_for_url(f"**{second.url}")
        assert page.locator("h1.headline").inner_text() == second.title
