"""A reader on a phone searches the archive from the e-paper's header and opens a hit."""

import pytest

from tests.browser import phone_page

pytestmark = pytest.mark.browser


def test_a_reader_searches_from_the_epaper_and_opens_a_story(
    transactional_db, reference_page, live_server
):
    from chenbao.archive.search.services import search_queue_drain
    from chenbao.editions.services.publish import edition_publish

    search_queue_drain()
    edition_publish(edition=reference_page.edition, base_url=live_server.url)
    with phone_page() as page:
        page.goto(live_server.url + "/")
        box = page.get_by_role("search").locator("input[name=q]")
        box.fill("民生建设")
        box.press("Enter")
        page.wait_for_load_state()
        assert "/search/?q=" in page.url
        assert "“民生建设”找到" in page.locator(".search-count").inner_text()
        marks = page.locator(".hits mark").all_inner_texts()
        assert marks and set(marks) == {"民生建设"}
        assert page.locator(".hits img").count() >= 1  # the printed page's thumbnail
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.get_by_role("link", name="民生建设进展如何?").first.click()
        page.wait_for_load_state()
        assert page.locator("h1.headline").inner_text() == "民生建设进展如何？"
        assert "相关报道" in page.content()
