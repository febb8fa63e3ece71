"""The reader's archive search page, /search/?q=…"""

from django.core.paginator import Paginator
from django.shortcuts import render

from chenbao.archive.forms import MAX_PAGE, PER_PAGE, SearchForm
from chenbao.archive.search.engine import SearchUnavailable
from chenbao.archive.search.services import UNAVAILABLE, story_search


def search(request):
    """Search the published archive: results, counts, filters, pages of 20."""
    form = SearchForm(request.GET or None)
    result = paginator = page_obj = None
    status = 400 if form.is_bound and not form.is_valid() else 200
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        number = form.cleaned_data["p"] or 1
        try:
            result = story_search(
                query=form.cleaned_data["q"],
                filters=form.filters(),
                limit=PER_PAGE,
                offset=(number - 1) * PER_PAGE,
                request=request,
            )
        except SearchUnavailable:
            form.add_error(None, UNAVAILABLE)
            status = 503
        else:
            paginator = Paginator(range(min(result.total, PER_PAGE * MAX_PAGE)), PER_PAGE)
            page_obj = paginator.get_page(number)
    query = request.GET.copy()
    query.pop("p", None)
    return render(
        request,
        "archive/search.html",
        {"form": form, "result": result, "page_obj": page_obj, "query": query.urlencode()},
        status=status,
    )
