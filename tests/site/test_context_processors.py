"""Every reader page knows the paper's name."""

from django.test import RequestFactory

from chenbao.site.context_processors import paper


def test_the_papers_name_comes_from_the_settings(settings):
    settings.CHENBAO = {**settings.CHENBAO, "PAPER_NAME": "鲁中晨报"}
    assert paper(RequestFactory().get("/")) == {"paper_name": "鲁中晨报"}
