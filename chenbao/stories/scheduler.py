"""Scheduled publishing: run Wagtail's `publish_scheduled` now, or every N seconds.

`publish_scheduled` publishes every approved revision whose time has come, however long
ago that was, so a scheduler that was down catches up on its next run: nothing is
silently missed. Production runs `chenbao scheduler --once` from cron or a systemd timer
(docs/scheduler.md); the demo runs the same loop in a background thread of
`runserver`.
"""

import io
import logging
import threading
import time

from django.core.management import call_command
from django.db import close_old_connections

logger = logging.getLogger(__name__)
_thread: threading.Thread | None = None


STARTUP_DELAY = 5  # seconds


def run_once() -> str:
    """Publish what is due and unpublish what has expired; return the command's report.

    Then index what the archive search queue still holds (a change made while another
    process held the index writer waits there): archive/search/services.py.
    """
    from chenbao.archive.search.engine import SearchBusy
    from chenbao.archive.search.services import search_queue_drain

    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    try:
        search_queue_drain()
    except SearchBusy:
        logger.info("search index busy; its queue waits for the next run")
    return out.getvalue()


def run_forever(*, interval: int, stop: threading.Event | None = None) -> None:
    stop = stop or threading.Event()
    while not stop.is_set():
        # A long-running loop must not keep a connection the database has dropped.
        close_old_connections()
        try:
            report = run_once()
            if report.strip() and "No objects" not in report:
                logger.info("scheduled publishing: %s", report.strip().replace("\n", "; "))
        except Exception:
            # Keep the loop alive: the next run retries whatever is still due.
            logger.exception("scheduled publishing failed; retrying in %s s", interval)
        stop.wait(interval)


def _run_after_start(*, interval: int) -> None:
    # Started from AppConfig.ready(): let the server finish starting before the first
    # run touches the database (Django warns about queries during app initialisation).
    time.sleep(STARTUP_DELAY)
    run_forever(interval=interval)


def start_background_thread(*, interval: int) -> threading.Thread:
    """Start the in-process scheduler (once per process) and return its thread."""
    global _thread
    if _thread is None or not _thread.is_alive():
        _thread = threading.Thread(
            target=_run_after_start,
            kwargs={"interval": interval},
            name="chenbao-scheduler",
            daemon=True,
        )
        _thread.start()
    return _thread
