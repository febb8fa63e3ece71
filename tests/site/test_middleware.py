"""Which answers nginx or a CDN may keep (chenbao/site/middleware.py)."""

import itertools

import pytest
from django.test import Client

from chenbao.site import frontcache
from tests.pagetree import ensure_page_tree


@pytest.fixture
def client(db):
    ensure_page_tree()
    return Client()


def test_an_anonymous_reader_s_page_may_be_kept_by_shared_caches_only(client, settings):
    settings.CHENBAO = {**settings.CHENBAO, "PUBLIC_CACHE_SECONDS": 120}
    answer = client.get("/sitemap.xml")
    assert answer.status_code == 200
    assert answer["Cache-Control"] == "public, max-age=0, s-maxage=120"


def test_a_public_page_is_compressed_once_for_the_cache(client):
    from tests.factories import section_make

    for name in ("本地", "要闻", "社会", "文体"):  # a sitemap long enough to be worth it
        section_make(name)
    answer = client.get("/sitemap.xml", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert answer["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in answer["Vary"]
    assert client.get("/sitemap.xml").get("Content-Encoding") is None


def test_the_newsroom_is_not_compressed_by_it(client):
    answer = client.get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert answer.get("Content-Encoding") is None


def test_a_missing_page_is_kept_too_so_a_flood_of_it_stays_in_nginx(client):
    assert "s-maxage" in client.get("/no-such-page/")["Cache-Control"]


@pytest.mark.parametrize(
    ("path", "extra"),
    [
        ("/sitemap.xml", {"HTTP_COOKIE": "sessionid=abc"}),
        ("/sitemap.xml", {"HTTP_AUTHORIZATION": "Basic eDp5"}),
        ("/sitemap.xml?p=1", {}),
        ("/admin/login/", {}),
        ("/epaper/20221202/a02/", {}),
        ("/epaper/2022-12-02/a02/", {}),
    ],
)
def test_never_marked_for_sessions_credentials_queries_the_newsroom_or_other_spellings(
    client, path, extra
):
    answer = client.get(path, **extra)
    assert "s-maxage" not in answer.get("Cache-Control", "")


def test_the_tip_line_stays_no_store(client):
    assert client.get("/baoliao/")["Cache-Control"] == "no-store"


def test_a_post_is_never_marked(client):
    answer = client.post("/sitemap.xml")
    assert "s-maxage" not in answer.get("Cache-Control", "")


def test_an_answer_rendered_while_a_change_committed_is_not_kept(client, monkeypatch):
    counter = itertools.count()
    monkeypatch.setattr(frontcache, "generation", lambda: next(counter))
    assert client.get("/sitemap.xml")["Cache-Control"] == "no-store"


def test_private_prefixes_match_the_nginx_site():
    from pathlib import Path

    conf = (Path(__file__).resolve().parents[2] / "deploy/nginx/chenbao.conf").read_text()
    for prefix in frontcache.PRIVATE_PREFIXES:
        assert prefix.strip("/") in conf.split("$chenbao_private {")[1].split("}")[0]
