"""A reader on a phone opens the front page, reads the page, and taps into a story."""

import shutil
import subprocess

import pytest

from tests.browser import desktop_page, phone_page

pytestmark = pytest.mark.browser


def test_reader_on_a_phone_reads_the_page_and_opens_a_story(
    transactional_db, reference_page, live_server, tmp_path
):
    from chenbao.editions.services.publish import edition_publish

    edition_publish(edition=reference_page.edition, base_url=live_server.url)
    with phone_page() as page:
        page.goto(live_server.url + "/")
        stories = page.locator(".stories li").all_inner_texts()
        assert stories == ["淄博市委常委会召开会议", "民生建设进展如何？"]
        weather = page.locator(".weather li").all_inner_texts()
        assert weather[0] == "2日,多云,南风2~3级增强至3~4级,-6~5℃"
        assert len(weather) == 3
        # On the phone the banner is a button to the tip page and the hotline a tel: link;
        # the QR code (which a phone cannot scan on its own screen) is hidden.
        assert page.locator(".tipline a.tipline-button").get_attribute("href") == "/baoliao/"
        assert page.locator(".tipline a.hotline").get_attribute("href").startswith("tel:")
        assert not page.locator(".tipline .qr").is_visible()
        assert "一盔一带 安全常在" in page.locator(".ad").inner_text()
        # Mobile first: nothing wider than the screen.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        page.locator(".stories a", has_text="民生建设进展如何？").click()
        page.wait_for_load_state()
        assert page.locator("h1.headline").inner_text() == "民生建设进展如何？"
        assert page.locator("h3.subhead").count() == 7
    with desktop_page() as page:  # on a wide screen the QR code shows and scans to the tip page
        page.goto(live_server.url + "/")
        assert scan_qr(page.locator(".tipline svg"), tmp_path) == reference_page.tipline_qr_url


def scan_qr(element, tmp_path) -> str:
    """Return what a phone's scanner reads from the QR code `element` shows on screen."""
    assert shutil.which("zbarimg"), "zbarimg (Debian zbar-tools) is needed: scripts/system-deps.sh"
    shot = tmp_path / "qr.png"
    element.screenshot(path=str(shot))
    result = subprocess.run(
        ["zbarimg", "--raw", "-q", str(shot)], capture_output=True, text=True, check=False
    )
    return result.stdout.strip()
