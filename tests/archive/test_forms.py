"""The reader's search form: what /search/ and /api/v1/search accept, and the filters."""

import datetime as dt

from chenbao.archive.forms import MAX_PAGE, SearchForm
from chenbao.archive.search.engine import Filters


def test_a_full_form_gives_its_filters():
    form = SearchForm(
        {
            "q": "  供暖  ",
            "date_from": "2022-12-01",
            "date_to": "2022-12-31",
            "section": "要闻",
            "page": "A02",
            "byline": "任灵芝",
            "kind": "printed",
            "p": "2",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["q"] == "供暖" and form.cleaned_data["p"] == 2
    assert form.filters() == Filters(
        date_from=dt.date(2022, 12, 1),
        date_to=dt.date(2022, 12, 31),
        section="要闻",
        page="A02",
        byline="任灵芝",
        kind="printed",
        public_only=True,
    )


def test_an_empty_form_filters_nothing_and_the_newsroom_sees_everything():
    form = SearchForm({})
    assert form.is_valid()
    assert form.filters() == Filters()
    assert form.filters(public_only=False) == Filters(public_only=False)


def test_a_start_after_the_end_is_refused():
    form = SearchForm({"q": "供暖", "date_from": "2022-12-05", "date_to": "2022-12-01"})
    assert not form.is_valid()
    assert form.non_field_errors() == ["起始日期晚于截止日期"]


def test_one_day_is_a_valid_range():
    assert SearchForm({"date_from": "2022-12-05", "date_to": "2022-12-05"}).is_valid()


def test_pages_beyond_the_last_and_unknown_kinds_are_refused():
    assert not SearchForm({"q": "x", "p": str(MAX_PAGE + 1)}).is_valid()
    assert not SearchForm({"q": "x", "p": "0"}).is_valid()
    assert SearchForm({"q": "x", "p": str(MAX_PAGE)}).is_valid()
    assert set(SearchForm({"q": "x", "kind": "tv"}).errors) == {"kind"}


def test_an_overlong_query_is_refused():
    assert set(SearchForm({"q": "字" * 201}).errors) == {"q"}
    assert SearchForm({"q": "字" * 200}).is_valid()
