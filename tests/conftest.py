"""Shared fixtures: the reference page, demo-like users per role, an imported edition."""

import pytest

from chenbao.archive.reference import REFERENCE_DATE, REFERENCE_PAGE
from tests.pagetree import ensure_page_tree

pytest_plugins = ["tests.stories.fixtures"]


@pytest.fixture(scope="session", autouse=True)
def _admin_worded_in_the_sites_language():
    """Import every app's wagtail_hooks before a test database is migrated. A management
    command (migrate, here) runs with translations off, and Wagtail words some admin labels
    once, when its hooks are first imported: a server imports them as it starts, in the
    site's language (zh-hans), and so do the tests (decision 0026)."""
    from wagtail import hooks

    hooks.search_for_hooks()


@pytest.fixture(autouse=True)
def _allow_sync_orm_in_playwright_loop(request, monkeypatch):
    """Browser tests: Playwright's sync API runs an event loop in the test's thread, while
    the test's own ORM calls stay synchronous."""
    if request.node.get_closest_marker("browser") is not None:
        monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _own_publish_dir(settings, tmp_path):
    """Each test publishes its e-paper to a directory of its own (read by the reader site),
    and searches an index of its own."""
    settings.CHENBAO = {
        **settings.CHENBAO,
        "PUBLISH_DIR": str(tmp_path / "publish"),
        "SEARCH_DIR": str(tmp_path / "search"),
    }


@pytest.fixture
def reference_text() -> str:
    return REFERENCE_PAGE.read_text(encoding="utf-8")


@pytest.fixture
def reference_page(db):
    """The reference page imported as page A02 of the 2 December 2022 edition."""
    from chenbao.archive.importer import page_import
    from chenbao.archive.pagetext import parse_page

    ensure_page_tree()
    return page_import(
        page=parse_page(REFERENCE_PAGE.read_text(encoding="utf-8")),
        date=REFERENCE_DATE,
        number="A02",
        name="要闻",
    )


@pytest.fixture
def make_user(db):
    """Return a function making a staff user holding the given roles (core/roles.py)."""
    from tests.factories import user_make

    def make(username: str, *roles, superuser: bool = False):
        return user_make(*roles, username=username, superuser=superuser)

    return make


@pytest.fixture
def printed_text():
    """The text a published page prints, read from its PDF with the spaces squeezed out.

    An edition that is not finished (0020) is not public on the reader site, but its page
    files are published: tests of what a page prints read them here."""
    import pdfplumber

    from chenbao.editions.storage import publish_dir

    def read(date, number: str) -> str:
        with pdfplumber.open(publish_dir() / date.isoformat() / f"{number}.pdf") as pdf:
            return "".join("".join((page.extract_text() or "").split()) for page in pdf.pages)

    return read
