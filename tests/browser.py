"""Playwright driving Debian's chromium (never a downloaded browser)."""

import shutil
from contextlib import contextmanager

import pytest
from django.db import connections

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1280, "height": 1400}}


@contextmanager
def phone_page():
    """Yield a Playwright page in a phone-sized chromium window."""
    with browser_page(**PHONE) as page:
        yield page


@contextmanager
def desktop_page():
    """Yield a Playwright page in a desk-sized chromium window (the admin, a mouse)."""
    with browser_page(**DESKTOP) as page:
        yield page


@contextmanager
def browser_page(**context_options):
    """Yield a Playwright page in a chromium window made with `context_options`."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which("chromium"):
        pytest.fail("Debian's chromium is not installed: run scripts/system-deps.sh")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(**context_options)
            yield context.new_page()
        finally:
            # The test's ORM calls inside this block ran while Playwright's event loop was
            # running, so Django gave them connections of their own (asgiref's context-local
            # storage): close them here, in that context, or PostgreSQL refuses to drop the
            # test database at the end of the run ("being accessed by other users").
            connections.close_all()
            browser.close()
