"""A reader opens a pledge from a story's figure, sees the timeline and the chart, and
follows the evidence to the e-paper page (Playwright, Debian's chromium, a phone)."""

import io
from urllib.parse import unquote, urlsplit

import pytest
from django.test import Client

from chenbao.editions.models import Edition
from chenbao.editions.services.publish import edition_publish
from chenbao.figures.models import Pledge, StoryFigure
from tests.browser import phone_page
from tests.pagetree import ensure_page_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SITE = "http://chenbao.test"


def test_reader_follows_a_figure_to_its_pledge_and_the_epaper(db):
    from chenbao.archive import demo as archive_demo
    from chenbao.core import demo as core_demo
    from chenbao.figures import demo

    ensure_page_tree()
    for module in (core_demo, archive_demo, demo):
        module.load(stdout=io.StringIO())
    pledge = Pledge.objects.get(title="2023年新建充电桩8000个")
    evidence = pledge.events.exclude(evidence=None).get().evidence
    story = evidence.story
    edition = Edition.objects.get(date="2023-12-01")
    edition_publish(edition=edition, base_url=SITE)
    client = Client()
    answers = {}
    for path in (
        story.url,
        f"/chengnuo/{pledge.pk}/",
        "/epaper/2023-12-01/A02/",
        "/epaper-files/2023-12-01/A02.png",
    ):
        response = client.get(path)
        body = b"".join(response) if response.streaming else response.content
        answers[path] = (response.status_code, body, response["Content-Type"])
    assert StoryFigure.objects.filter(story=story, indicator=pledge.indicator).exists()

    def serve(route):
        path = unquote(urlsplit(route.request.url).path)
        status, body, kind = answers.get(path, (404, b"", "text/plain"))
        route.fulfill(status=status, body=body, headers={"content-type": kind})

    with phone_page() as page:
        page.route(f"{SITE}/**", serve)
        page.goto(f"{SITE}{story.url}")
        link = page.locator("aside.story-figures a.pledge", has_text=pledge.title)
        link.first.click()
        page.wait_for_url(f"**/chengnuo/{pledge.pk}/")
        assert page.locator("h1.headline").inner_text() == pledge.title
        assert page.locator("figure.chart svg circle").count() >= 2  # last year and this year
        chart = page.locator("figure.chart svg").bounding_box()
        assert chart["width"] <= 390  # the chart fits the phone
        timeline = page.locator("ol.timeline li")
        assert "超额兑现" in timeline.last.inner_text()
        timeline.last.locator("a.epaper").click()
        page.wait_for_url("**/epaper/2023-12-01/A02/")
        page.locator("#epaper-image").wait_for()
