"""Reader-facing pages: the latest edition, the e-paper by date, a printed page."""

import datetime as dt

from django.http import Http404
from django.shortcuts import render

from chenbao.editions import selectors


def front(request):
    """Show the latest edition: its first page in full, and the list of its pages."""
    edition = selectors.edition_latest()
    if edition is None:
        return render(request, "site/empty.html")
    pages = list(selectors.page_list(edition=edition))
    page = selectors.page_with_content(edition=edition, number=pages[0].number)
    return render(request, "site/page.html", {"edition": edition, "pages": pages, "page": page})


def epaper_index(request):
    """List every edition by date, newest first."""
    return render(request, "site/epaper_index.html", {"editions": selectors.edition_list()})


def edition_detail(request, date: str):
    edition = _edition_or_404(date)
    pages = list(selectors.page_list(edition=edition))
    return render(request, "site/edition.html", {"edition": edition, "pages": pages})


def page_detail(request, date: str, number: str):
    edition = _edition_or_404(date)
    page = selectors.page_with_content(edition=edition, number=number)
    if page is None:
        raise Http404("no such page")
    pages = list(selectors.page_list(edition=edition))
    return render(request, "site/page.html", {"edition": edition, "pages": pages, "page": page})


def _edition_or_404(date: str):
    try:
        day = dt.date.fromisoformat(date)
    except ValueError as exc:
        raise Http404("not a date") from exc
    edition = selectors.edition_get(date=day)
    if edition is None:
        raise Http404("no edition on that date")
    return edition
