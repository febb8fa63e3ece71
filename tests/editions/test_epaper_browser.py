"""A reader on a phone taps a story on the e-paper page image and lands on the story."""

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from chenbao.core.punctuation import zh_punctuation
from chenbao.editions.services.publish import edition_publish
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
        body = b"".join(response) if response.streaming else response.content
        pages[path] = (response.status_code, body, response["Content-Type"])
    return pages


def test_tapping_a_story_area_on_a_phone_opens_the_story(reference_page):
    edition_publish(edition=reference_page.edition, base_url=SITE)
    second = reference_page.story_placements.order_by("sort_order").last().story
    answers = _site_pages(
        [
            "/epaper/2022-12-02/A02/",
            "/epaper-files/2022-12-02/A02.png",
            *(p.story.url for p in reference_page.story_placements.all()),
        ]
    )

    def serve(route):
        path = urlsplit(route.request.url).path
        if path not in answers and path.startswith("/epaper-files/"):
            answers.update(_site_pages([path]))  # the image size the browser chose
        if path not in answers and path.startswith("/static/"):
            found = finders.find(path.removeprefix("/static/"))
            if found:
                kind = mimetypes.guess_type(found)[0] or "application/octet-stream"
                answers[path] = (200, Path(found).read_bytes(), kind)
        status, body, kind = answers.get(path, (404, b"", "text/plain"))
        route.fulfill(status=status, body=body, headers={"content-type": kind})

    with phone_page() as page:
        page.route(f"{SITE}/**", serve)
        page.goto(f"{SITE}/epaper/2022-12-02/A02/")
        image = page.locator("#epaper-image")
        image.wait_for()
        page.wait_for_function("document.getElementById('epaper-image').naturalWidth > 0")
        shown = image.bounding_box()
        assert shown["width"] < 400  # the page image fits the phone's width
        # Each story's area is a link laid over the image, scaled with it.
        area = page.locator("a.area").nth(1).bounding_box()
        assert area["x"] + area["width"] <= shown["x"] + shown["width"] + 1
        page.touchscreen.tap(area["x"] + area["width"] / 2, area["y"] + area["height"] / 2)
        page.wait_for_url(f"**{second.url}")
        assert page.locator("h1.headline").inner_text() == zh_punctuation(second.title)
