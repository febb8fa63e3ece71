"""The reader's e-paper: the files the publish step wrote, served as they are.

Nothing here reads the database: the front page, the list of editions, an edition and each
of its pages are the HTML files in the publish storage (chenbao/editions/epaper.py), so
what a reader sees here is byte for byte what nginx or a CDN serves from the same storage.
"""

import datetime as dt
import json
import logging
import posixpath
import re

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.static import serve

from chenbao.editions.epaper import EDITIONS_INDEX, YEARS, StorageWriter, edition_withheld
from chenbao.editions.storage import publish_dir, publish_storage

log = logging.getLogger(__name__)

PAGE_NUMBER = re.compile(r"^[A-Za-z]{0,2}\d{1,3}$")


class StorageUnavailable(Exception):
    """The publish storage refused or failed (an S3 403, a network fault)."""


def _read(name: str) -> bytes | None:
    try:
        return StorageWriter(publish_storage()).read(name)
    except Exception as exc:  # any backend's own error
        log.warning("published file %s could not be read", name, exc_info=True)
        raise StorageUnavailable(name) from exc


def _published(name: str) -> bytes:
    data = _read(name)
    if data is None:
        raise Http404("not published")
    return data


def _unavailable(request) -> HttpResponse:
    return render(request, "site/unavailable.html", status=503)


def _html(data: bytes) -> HttpResponse:
    return HttpResponse(data, content_type="text/html; charset=utf-8")


def front(request):
    """Show the first page of the newest edition published."""
    try:
        data = _read(EDITIONS_INDEX)
        editions = json.loads(data) if data else []
        newest = next((e for e in editions if e.get("first")), None)
        if newest is None:
            return render(request, "site/empty.html")
        return _html(_published(f"{newest['date']}/{newest['first']}.html"))
    except StorageUnavailable:
        return _unavailable(request)


def epaper_index(request):
    """List every edition published, newest first."""
    try:
        return _html(_published("index.html"))
    except Http404:
        return render(request, "site/empty.html")
    except StorageUnavailable:
        return _unavailable(request)


def epaper_year(request, year: int):
    """The calendar of one year's editions (years/YYYY.html)."""
    try:
        return _html(_published(f"{YEARS}/{year:04d}.html"))
    except StorageUnavailable:
        return _unavailable(request)


def edition_detail(request, date: str):
    try:
        return _html(_published(f"{_folder(date)}/index.html"))
    except StorageUnavailable:
        return _unavailable(request)


def page_detail(request, date: str, number: str):
    if not PAGE_NUMBER.match(number):
        raise Http404("not a page number")
    folder, number = _folder(date), number.upper()
    try:
        data = _read(f"{folder}/{number}.html")
        if data is not None:
            return _html(data)
        # A day the archive holds from old dumps has no page images, only its list of pages
        # and headlines (a story's folio links here): that list, at the page.
        listed = _read(f"{folder}/index.html") or b""
        if f'id="page-{number}"'.encode() in listed:
            return redirect(f"{reverse('site:edition', args=[folder])}#page-{number}")
    except StorageUnavailable:
        return _unavailable(request)
    raise Http404("not published")


def edition_step(request, date: str, step: str):
    """Go to the edition published before (or after) `date`: 上一期 / 下一期.

    Read from the list of public editions when asked, so a page written before a newer
    edition came out still leads to it.
    """
    folder = _folder(date)
    try:
        editions = json.loads(_read(EDITIONS_INDEX) or b"[]")
    except StorageUnavailable:
        return _unavailable(request)
    dates = sorted(e["date"] for e in editions)
    if step == "previous":
        found = [d for d in dates if d < folder][-1:]
    else:
        found = [d for d in dates if d > folder][:1]
    if not found:
        return render(request, "site/no_edition.html", {"step": step, "folder": folder}, status=404)
    edition = next(e for e in editions if e["date"] == found[0])
    if edition.get("first"):
        return redirect("site:page", found[0], edition["first"])
    return redirect("site:edition", found[0])


def _folder(date: str) -> str:
    try:
        return dt.date.fromisoformat(date).isoformat()
    except ValueError as exc:
        raise Http404("not a date") from exc


def published_file(request, path: str):
    """Serve a published file (image, PDF) from the publish directory.

    For the demo and small installs; nginx or a CDN serves these in production. The files of
    an edition that is not finished are withheld, as nginx withholds them (decision 0020).
    """
    folder = posixpath.normpath(path).lstrip("/").split("/", 1)[0]
    if folder not in ("", ".", "..") and edition_withheld(publish_storage(), folder):
        raise Http404("not published")
    return serve(request, path, document_root=str(publish_dir()))
