"""The reader's search form: what /search/ and /api/v1/search accept, checked."""

from django import forms
from django.utils.translation import gettext_lazy as _

from chenbao.archive.search.documents import KINDS
from chenbao.archive.search.engine import Filters
from chenbao.archive.search.services import MAX_QUERY

PER_PAGE = 20
MAX_PAGE = 50  # 1,000 hits deep: beyond that, narrow the query


class SearchForm(forms.Form):
    q = forms.CharField(label=_("检索"), max_length=MAX_QUERY, required=False, strip=True)
    date_from = forms.DateField(label=_("起始日期"), required=False)
    date_to = forms.DateField(label=_("截止日期"), required=False)
    section = forms.CharField(label=_("栏目"), max_length=40, required=False)
    page = forms.CharField(label=_("版面"), max_length=8, required=False)
    byline = forms.CharField(label=_("作者"), max_length=40, required=False)
    kind = forms.ChoiceField(
        label=_("类别"), required=False, choices=[("", _("全部")), *KINDS.items()]
    )
    p = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def clean(self):
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("起始日期晚于截止日期"))
        return data

    def filters(self, *, public_only: bool = True) -> Filters:
        d = self.cleaned_data
        return Filters(
            date_from=d.get("date_from"),
            date_to=d.get("date_to"),
            section=d.get("section") or "",
            page=d.get("page") or "",
            byline=d.get("byline") or "",
            kind=d.get("kind") or "",
            public_only=public_only,
        )
