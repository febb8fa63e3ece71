"""The demo's editions: the pages of 1 December 2022 that the weather and ad desks fill.

The reference page (2 December 2022) is imported by the archive's demo; `publish_all`, run
by the demo command after every app has loaded, publishes each edition's e-paper.
"""

import datetime as dt

from django.conf import settings

from chenbao.editions.models import Edition, PrintedPage
from chenbao.editions.services.pages import edition_page_ensure
from chenbao.editions.services.publish import edition_publish
from chenbao.editions.storage import publish_dir

# The day before the reference page: the reader site's front page stays the reference page.
DEMO_DATE = dt.date(2022, 12, 1)
DEMO_PAGES = (("A01", "头版"), ("A02", "要闻"))


def demo_pages() -> dict[str, PrintedPage]:
    """Return the demo edition's pages, made on first use."""
    return {
        number: edition_page_ensure(date=DEMO_DATE, number=number, name=name)
        for number, name in DEMO_PAGES
    }


def load(*, stdout) -> None:
    pages = demo_pages()
    stdout.write(f"demo edition {DEMO_DATE}: pages {', '.join(pages)}")


def publish_all(*, stdout) -> None:
    """Publish every edition with pages: PDF, PNG and e-paper under the publish directory."""
    for edition in Edition.objects.filter(pages__isnull=False).distinct():
        result = edition_publish(edition=edition, base_url=settings.WAGTAILADMIN_BASE_URL)
        rendered = sum(1 for p in result.pages if p.rendered)
        stdout.write(
            f"e-paper of {edition} published to {publish_dir()}/{result.date}/ "
            f"({rendered} page(s) rendered, {len(result.problems)} problem(s))"
        )
        for problem in result.problems:
            stdout.write(f"  {problem.message}")
