"""The demo's edition of 1 December 2022 (demo.py); `publish_all` is run by
test_admin_views.py and tests/ads/test_demo.py, which publish the demo."""

import io

import pytest

from chenbao.editions.demo import DEMO_DATE, demo_pages, load
from chenbao.editions.models import Edition, PrintedPage


@pytest.mark.django_db
def test_the_demo_pages_are_made_once_the_day_before_the_reference_page():
    pages = demo_pages()
    assert [(n, p.name, p.edition.date) for n, p in pages.items()] == [
        ("A01", "头版", DEMO_DATE),
        ("A02", "要闻", DEMO_DATE),
    ]
    out = io.StringIO()
    load(stdout=out)
    assert out.getvalue() == "demo edition 2022-12-01: pages A01, A02"
    assert Edition.objects.count() == 1 and PrintedPage.objects.count() == 2
