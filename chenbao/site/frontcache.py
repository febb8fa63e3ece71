"""The caches in front of the reader site: what they may keep, and refreshing it.

nginx (deploy/nginx/chenbao.conf) keeps every reader's page that Django marks storable
(chenbao/site/middleware.py) for CHENBAO["PUBLIC_CACHE_SECONDS"]; a CDN configured as a
Wagtail frontend cache backend does the same. After every change a reader must see
(publish, correction, withdrawal, re-import, a new e-paper) the service that made it calls
`paths_refresh` with the public paths that show it; once the transaction has committed:

1. the change counter goes up: an answer Django was rendering while the change committed
   may hold the old state, so it is sent as no-store and cannot be written into the cache
   after the refresh below (the stale write-back race);
2. each path goes to every configured backend (`wagtail.contrib.frontend_cache`). nginx's
   backend here, `NginxRefreshBackend`, GETs the path from nginx's refresh server, which
   always asks Django and stores the answer over the old entry (Debian's nginx has no
   PURGE). It works from a small pool of background threads: the request that made the
   change does not wait for it, and a sync worker never waits on a request to itself.
"""

from __future__ import annotations

import atexit
import http.client
import logging
import os
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

log = logging.getLogger(__name__)

GENERATION_KEY = "chenbao:frontcache:generation"
# Paths a cache must never keep; nginx's `$chenbao_private` map lists the same.
PRIVATE_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/baoliao/",
    "/api/v1/tips",
    "/api/v1/openapi",
)
REFRESH_TRIES = 5
REFRESH_TIMEOUT = 10.0


def generation() -> int:
    """Return the change counter (how many changes readers must see have committed)."""
    return cache.get(GENERATION_KEY, 0)


def generation_bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet (or evicted): any new value tells a render apart
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def paths_refresh(paths: Iterable[str]) -> None:
    """Refresh these public paths in every cache once the current transaction commits."""
    wanted = sorted({p for p in paths if p and p.startswith("/")})
    if not wanted:
        return
    transaction.on_commit(lambda: _refresh_now(wanted))


def story_refresh(story) -> None:
    """Refresh everything that shows `story`: its page, its sections, feeds, sitemaps, and
    the stories printed beside it (their 上一篇/下一篇)."""
    paths_refresh(story_paths(story))


def stories_refresh(section, stories) -> None:
    """Refresh many stories of one section at once (the archive's bulk import): each story's
    page and ninjs, the section, its feeds and the sitemaps."""
    paths: set[str | None] = {
        reverse("stories:sitemap"),
        reverse("stories:news_sitemap"),
        page_path(section),
    }
    for name in ("stories:feed_rss", "stories:feed_atom"):
        paths.add(reverse(name, kwargs={"slug": section.slug}))
    for story in stories:
        paths.add(page_path(story))
        paths.add(reverse("stories:ninjs", kwargs={"pk": story.pk}))
    paths_refresh(p for p in paths if p)


def edition_refresh(edition) -> None:
    """Refresh the e-paper of `edition`: the front page, the list, the edition, its pages,
    and the pages of the stories printed in it (their 返回本版, 上一篇/下一篇 and PDF links)."""
    from chenbao.stories.models import StoryPage

    numbers = list(edition.pages.values_list("number", flat=True))
    paths = edition_paths(edition.date.isoformat(), numbers)
    for story in StoryPage.objects.filter(placements__page__edition=edition).distinct():
        path = page_path(story)
        if path:
            paths.add(path)
    paths_refresh(paths)


def page_path(page) -> str | None:
    """Return the public path of a Wagtail page (None when it has no route)."""
    parts = page.get_url_parts()
    return parts[2] if parts else None


def story_paths(story) -> set[str]:
    """Return the public paths whose answer shows `story` (published or not)."""
    from chenbao.editions.models import StoryPlacement
    from chenbao.stories.models import SectionPage, StoryPage

    paths: set[str | None] = {reverse("stories:sitemap"), reverse("stories:news_sitemap")}
    paths.add(reverse("stories:ninjs", kwargs={"pk": story.pk}))
    for page in [story, *story.get_ancestors().specific()]:
        paths.add(page_path(page))
        if isinstance(page, SectionPage):
            for name in ("stories:feed_rss", "stories:feed_atom"):
                paths.add(reverse(name, kwargs={"slug": page.slug}))
    beside = StoryPlacement.objects.filter(page__story_placements__story=story).values_list(
        "story_id", flat=True
    )
    for neighbour in StoryPage.objects.filter(pk__in=beside).exclude(pk=story.pk):
        paths.add(page_path(neighbour))
    return {p for p in paths if p is not None}


def edition_paths(date: str, numbers: Iterable[str]) -> set[str]:
    """Return the reader site's paths for an edition's date and page numbers: every route of
    chenbao/site/urls.py that takes no argument, the date, or the date and a page number."""
    from chenbao.site import urls

    paths = set()
    names = [p.name for p in urls.urlpatterns if p.name and p.name != "files"]
    choices = [{}, {"date": date}] + [{"date": date, "number": n} for n in numbers]
    for name in names:
        for kwargs in choices:
            try:
                paths.add(reverse(f"site:{name}", kwargs=kwargs))
            except NoReverseMatch:
                continue
    return paths


def _refresh_now(paths: list[str]) -> None:
    generation_bump()
    _send(paths)


def _send(paths: list[str]) -> None:
    """Hand the paths to every configured cache backend (Wagtail's frontend cache)."""
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    if not settings.WAGTAILFRONTENDCACHE:
        return
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    purge_urls_from_cache([base + path for path in paths])


class NginxRefreshBackend(BaseBackend):
    """Refresh nginx's page cache through its refresh server (LOCATION, this machine).

    Each URL's path is fetched there with the public host name; the answer replaces the
    cached one. A refresh whose answer came back unstorable (another change committed
    while it rendered) is tried again, so the last one always lands.
    """

    def __init__(self, params):
        super().__init__(params)
        location = urlsplit(params["LOCATION"])
        self.address = (location.hostname or "127.0.0.1", location.port or 80)
        self.host = params.get("HOST") or urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc

    def purge(self, url) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        for url in urls:
            parts = urlsplit(url)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            _pool().submit(self._refresh, path)

    def _refresh(self, path: str) -> None:
        # The cache keeps a plain and a gzip copy of each page: both are refreshed.
        for encoding in ("", "gzip"):
            self._refresh_copy(path, encoding)

    def _refresh_copy(self, path: str, encoding: str) -> None:
        for attempt in range(REFRESH_TRIES):
            try:
                status, cache_control = self._get(path, encoding)
            except OSError as exc:
                status, cache_control = None, str(exc)
            if status is not None and status < 500 and "no-store" not in cache_control:
                return
            time.sleep(0.05 * (attempt + 1))
        log.warning("cache refresh of %s (%s) failed: %s %s", path, encoding, status, cache_control)

    def _get(self, path: str, encoding: str) -> tuple[int, str]:
        conn = http.client.HTTPConnection(*self.address, timeout=REFRESH_TIMEOUT)
        try:
            conn.request("GET", path, headers={"Host": self.host, "Accept-Encoding": encoding})
            response = conn.getresponse()
            response.read()
            return response.status, response.getheader("Cache-Control", "")
        finally:
            conn.close()


_pool_lock = threading.Lock()
_pools: dict[int, ThreadPoolExecutor] = {}


def _pool() -> ThreadPoolExecutor:
    """This process's refresh threads (a forked gunicorn worker starts its own)."""
    pid = os.getpid()
    with _pool_lock:
        if pid not in _pools:
            _pools[pid] = ThreadPoolExecutor(max_workers=4, thread_name_prefix="frontcache")
        return _pools[pid]


def refresh_wait() -> None:
    """Wait until every refresh sent by this process is done (commands, tests)."""
    pool = _pools.pop(os.getpid(), None)
    if pool is not None:
        pool.shutdown(wait=True)


atexit.register(refresh_wait)


def on_page_changed(sender, instance, **kwargs) -> None:
    """Wagtail's page_published / page_unpublished: refresh what shows the page."""
    from chenbao.stories.models import StoryPage

    page = instance.specific
    if isinstance(page, StoryPage):
        story_refresh(page)
    else:
        paths_refresh([page_path(page) or ""])
