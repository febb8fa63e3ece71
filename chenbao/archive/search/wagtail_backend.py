"""Wagtail's search backend for chenbao: stories through the archive's Chinese engine.

Wagtail 7.4's database backend (modelsearch) indexes a whole Chinese clause as one token, so
the admin's search box found nothing in Chinese. This backend answers every search and
autocomplete over pages with the archive engine (newsroom view: withdrawn and unpublished
stories included), keeps the queryset's own filters (the user's explorable pages, a content
type), and asks the database backend for the pages that are not stories (sections, the home
page) and for every other model (images, documents, snippets, users). Indexing is delegated
to the database backend as before; the archive index is kept by archive/search/signals.py.
While the engine cannot answer (an OpenSearch cluster down), stories are found by their
kicker, headline and subtitle in the database, so the newsroom still finds today's work.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "chenbao.archive.search.wagtail_backend"}}
"""

from __future__ import annotations

import logging

from django.db.models import Q, QuerySet
from modelsearch.backends.base import BaseSearchResults

from chenbao.archive.search.engine import Filters, Hits, SearchUnavailable

log = logging.getLogger(__name__)

ENGINE_LIMIT = 1000  # stories the admin may page through for one query


class _Compiler:
    """The little of a query compiler that BaseSearchResults reads."""

    def __init__(self, queryset):
        self.queryset = queryset


def _query_text(query) -> str | None:
    if isinstance(query, str):
        return query
    text = getattr(query, "query_string", None)  # modelsearch PlainText
    return text if isinstance(text, str) else None


class ChenbaoSearchBackend:
    def __init__(self, params):
        from modelsearch.backends.database import SearchBackend

        self.inner = SearchBackend(params)

    def __getattr__(self, name):  # indexing, rebuilding, everything but searching
        return getattr(self.inner, name)

    def search(self, query, model_or_queryset, **kwargs):
        return self._search("search", query, model_or_queryset, **kwargs)

    def autocomplete(self, query, model_or_queryset, **kwargs):
        return self._search("autocomplete", query, model_or_queryset, **kwargs)

    def _search(self, how, query, model_or_queryset, **kwargs):
        from chenbao.stories.models import StoryPage

        queryset = (
            model_or_queryset
            if isinstance(model_or_queryset, QuerySet)
            else model_or_queryset.objects.all()
        )
        text = _query_text(query)
        model = queryset.model
        if not text or not text.strip() or not issubclass(StoryPage, model):
            return getattr(self.inner, how)(query, model_or_queryset, **kwargs)
        return StoryResults(self, _Compiler(queryset), text=text, how=how, kwargs=kwargs)


class StoryResults(BaseSearchResults):
    """Stories in the engine's order, then (over pages) the other pages the database
    backend finds."""

    def __init__(self, backend, compiler, prefetch_related=None, *, text, how, kwargs):
        super().__init__(backend, compiler, prefetch_related)
        self.text, self.how, self.kwargs = text, how, kwargs
        self._all_cache: list | None = None

    def _clone(self):
        new = self.__class__(
            self.backend,
            self.query_compiler,
            self.prefetch_related,
            text=self.text,
            how=self.how,
            kwargs=self.kwargs,
        )
        new.start, new.stop, new._score_field = self.start, self.stop, self._score_field
        new._all_cache = self._all_cache  # one engine query per search
        return new

    def _all(self) -> list:
        if self._all_cache is None:
            self._all_cache = self._compute()
        return self._all_cache

    def _compute(self) -> list:
        from chenbao.archive.search.services import search_engine
        from chenbao.stories.models import StoryPage

        queryset = self.query_compiler.queryset
        try:
            hits = search_engine().search(self.text, Filters(public_only=False), limit=ENGINE_LIMIT)
        except SearchUnavailable:
            log.warning("search engine unavailable: the admin searches story headlines only")
            ids = _headline_matches(self.text)
            hits = Hits(total=len(ids), ids=ids, scores=[0.0] * len(ids))
        rank = {pk: i for i, pk in enumerate(hits.ids)}
        scores = dict(zip(hits.ids, hits.scores, strict=True))
        found = list(queryset.filter(pk__in=hits.ids))
        if self.kwargs.get("order_by_relevance", True):  # else the queryset's own order
            found.sort(key=lambda page: rank[page.pk])
        if self._score_field:
            for page in found:
                setattr(page, self._score_field, scores[page.pk])
        if queryset.model is StoryPage:
            return found
        others = queryset.not_type(StoryPage) if hasattr(queryset, "not_type") else None
        if others is None:
            return found
        inner = getattr(self.backend.inner, self.how)(self.text, others, **self.kwargs)
        return found + list(inner[:ENGINE_LIMIT])

    def _do_search(self):
        return self._all()[self.start : self.stop]

    def _do_count(self):
        total = len(self._all()) - self.start
        if self.stop is not None:
            total = min(total, self.stop - self.start)
        return max(0, total)


def _headline_matches(text: str) -> list[int]:
    """Stories whose kicker, headline or subtitle holds every word of `text`, newest first:
    the database's answer while the engine cannot give one."""
    from chenbao.stories.models import StoryPage

    stories = StoryPage.objects.all()
    for word in text.split():
        stories = stories.filter(
            Q(title__icontains=word) | Q(kicker__icontains=word) | Q(subtitle__icontains=word)
        )
    return list(stories.order_by("-pk").values_list("pk", flat=True)[:ENGINE_LIMIT])


SearchBackend = ChenbaoSearchBackend
