"""`chenbao search`: the archive searched from the command line, as text or JSON."""

import json

import pytest

from chenbao.archive.bulk import archive_import
from tests.archive.archive_dir import command_run, dump


@pytest.fixture
def imported(db, tmp_path, django_capture_on_commit_callbacks):
    root = tmp_path / "archive"
    dump(root, "2022-12-02/A02_要闻.txt", "reference-2022-12-02-A02.txt")
    dump(root, "2022-12-03/A03.txt", "variant-2-bracket-bylines.txt")
    with django_capture_on_commit_callbacks(execute=True):
        archive_import(root, workers=1)
    return root


def test_the_search_command_prints_json(imported):
    code, out = command_run("search", "供暖", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["total"] >= 1
    hit = data["hits"][0]
    assert set(hit) == {
        "title",
        "subtitle",
        "kicker",
        "date",
        "page",
        "section",
        "bylines",
        "url",
        "snippet",
        "score",
    }
    assert hit["date"] == "2022-12-03" and "<mark>" in hit["snippet"]
    code, out = command_run("search", "供暖", "--from", "2022-12-04")
    assert code == 0 and out.startswith("共 0 篇")
    assert command_run("search", "供暖", "--from", "12/03/2022")[0] == 2


def test_a_limit_out_of_range_is_a_bad_command_line(imported):
    code, message = command_run("search", "供暖", "--limit", "0")
    assert code == 2 and "--limit" in message


def test_a_cluster_that_cannot_answer_is_said_plainly(db, monkeypatch):
    from chenbao.archive.search import services
    from chenbao.archive.search.engine import SearchUnavailable

    class Down:
        def search(self, *args, **kwargs):
            raise SearchUnavailable("http://search.invalid:9200: ConnectionError")

    monkeypatch.setattr(services, "search_engine", lambda: Down())
    code, out = command_run("search", "供暖")
    assert code == 1 and "检索服务暂时不可用" in out and "ConnectionError" in out
