"""Say which answers to readers nginx or a CDN may keep (chenbao/site/frontcache.py)."""

import datetime as dt

from django.conf import settings
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware

from chenbao.site import frontcache

STORABLE_STATUS = {200, 404, 410}
# Used for its process_response only: its get_response is never called.
_gzip = GZipMiddleware(lambda request: HttpResponse())
# Route arguments with one public spelling: an answer reached by another spelling
# (/epaper/20221202/a02/) is not stored, so every stored page is one a refresh reaches.
CANONICAL = {
    "date": lambda value: dt.date.fromisoformat(value).isoformat(),
    "number": str.upper,
}


class PublicCacheMiddleware:
    """Mark anonymous readers' GET answers "public, s-maxage=…"; nothing else.

    Not marked (so never stored): the newsroom, the tip-line, anything for a client with
    a session or credentials, answers that set a cookie or already say how to cache, and
    an answer rendered while a change committed (marked no-store instead).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _anonymous_read(request):
            return self.get_response(request)
        started = frontcache.generation()
        response = self.get_response(request)
        if (
            response.status_code not in STORABLE_STATUS
            or response.has_header("Cache-Control")
            or response.cookies
            or not _canonical(request)
        ):
            return response
        if frontcache.generation() != started:
            response["Cache-Control"] = "no-store"
        else:
            seconds = settings.CHENBAO["PUBLIC_CACHE_SECONDS"]
            response["Cache-Control"] = f"public, max-age=0, s-maxage={seconds}"
            # Compressed here, once per cache fill, instead of by nginx on every hit. Only
            # pages every anonymous reader gets alike, so there is no secret to leak (BREACH).
            response = _gzip.process_response(request, response)
        return response


def _anonymous_read(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(frontcache.PRIVATE_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.META.get("QUERY_STRING")
    )


def _canonical(request) -> bool:
    match = request.resolver_match
    if match is None:
        return True
    for name, spell in CANONICAL.items():
        value = match.kwargs.get(name)
        if isinstance(value, str):
            try:
                if spell(value) != value:
                    return False
            except ValueError:
                return False
    return True


class ReaderNotFoundMiddleware:
    """Readers get the paper's own Chinese 404 page even while DEBUG is on (`make demo`),
    instead of Django's English debug page with the URL list. The newsroom (/admin/), the
    API (JSON) and static files keep their own answers."""

    KEEP = ("/admin/", "/api/", "/static/", "/media/", "/documents/", "/epaper-files/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 404
            and settings.DEBUG
            and not request.path.startswith(self.KEEP)
            and "text/html" in response.get("Content-Type", "")
        ):
            from django.shortcuts import render

            return render(request, "404.html", status=404)
        return response
