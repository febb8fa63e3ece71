"""The deploy/ stack end to end: Debian's nginx and gunicorn with the production settings,
started from deploy/'s files on free ports (tests/deploystack.py)."""

import gzip
import json
import re
import shutil
import time

import pytest

from tests.deploystack import DATE, NGINX, PAGE, DeployStack

needs_nginx = pytest.mark.skipif(
    NGINX is None,
    reason="nginx is not installed (Debian package nginx; scripts/system-deps.sh installs it)",
)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with DeployStack(tmp_path_factory.mktemp("deploy")) as running:
        yield running


@needs_nginx
def test_admin_css_is_served_by_nginx_with_a_year_on_its_hashed_name(stack):
    login = stack.get("/admin/login/")
    assert login.status == 200
    css = re.findall(rb'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', login.body)
    assert css, "the admin links no hashed stylesheet"
    answer = stack.get(css[0].decode())
    assert answer.status == 200
    assert answer.header("content-type").startswith("text/css")
    assert "immutable" in answer.header("cache-control")
    assert "max-age=31536000" in answer.header("cache-control")
    gzipped = stack.get(css[0].decode(), {"Accept-Encoding": "gzip"})
    assert gzipped.header("content-encoding") == "gzip"


@needs_nginx
def test_story_comes_from_the_cache_after_its_first_reader(stack):
    path = _story_paths(stack)[0]
    first = stack.get(path)
    assert first.status == 200
    assert "s-maxage" in first.header("cache-control")
    second = stack.get(path)
    assert second.header("x-cache") == "HIT"
    assert second.body == first.body
    # Phones ask for gzip: a compressed copy kept beside the plain one.
    zipped = [stack.get(path, {"Accept-Encoding": "gzip, deflate"}) for _ in range(2)]
    assert zipped[0].header("content-encoding") == "gzip"
    assert zipped[1].header("x-cache") == "HIT"
    assert gzip.decompress(zipped[1].body) == first.body
    # An editor with a session skips the cache.
    editor = stack.get(path, {"Cookie": "sessionid=abc"})
    assert editor.header("x-cache") == "BYPASS"


@needs_nginx
def test_epaper_page_and_its_image(stack):
    page = stack.get(f"/epaper/{DATE}/{PAGE}/")
    assert page.status == 200
    images = re.findall(rb'src="([^"]+\.(?:png|webp|jpg|avif))"', page.body)
    assert images, "the e-paper page shows no page image"
    image = stack.get(images[0].decode())
    assert image.status == 200
    assert image.header("content-type").startswith("image/")
    assert image.body[:4] in (b"\x89PNG", b"RIFF") or image.body[:3] == b"\xff\xd8\xff"
    assert stack.get(f"/epaper/{DATE}/{PAGE}/").header("x-cache") == "HIT"


@needs_nginx
def test_nginx_withholds_every_file_of_an_unfinished_edition(stack):
    """An edition that is not finished has `.unfinished` in its folder (decision 0020):
    nginx answers 404 for each of its files, however the path is spelled, until it goes."""
    published = next(stack.var.rglob(f"{DATE}/{PAGE}.png"))
    folder = published.parent.parent / "2022-12-05"
    folder.mkdir()
    shutil.copy(published, folder / "A01.png")
    (folder / ".unfinished").write_text("not finished\n")
    spellings = (
        "/epaper-files/2022-12-05/A01.png",
        "/epaper-files//2022-12-05/A01.png",
        "/epaper-files/./2022-12-05/A01.png",
        "/epaper-files/2022-12-05/A01%2Epng",
        "/epaper-files/2022%2D12%2D05/A01.png",
        "/epaper-files/2022-12-05/A01.png?v=1",
        "/epaper-files/2022-12-05/.unfinished",
    )
    for path in spellings:
        assert stack.get(path).status == 404, path
    assert stack.get(f"/epaper-files/{DATE}/{PAGE}.png").status == 200  # finished: public
    (folder / ".unfinished").unlink()
    assert stack.get("/epaper-files/2022-12-05/A01.png").status == 200


@needs_nginx
def test_tipline_is_never_cached_and_keeps_its_headers(stack):
    for _ in range(2):
        answer = stack.get("/baoliao/")
        assert answer.status == 200
        assert answer.header("cache-control") == "no-store"
        assert answer.header("x-cache") != "HIT"
        assert "frame-ancestors 'none'" in answer.header("content-security-policy")
        assert answer.header("x-frame-options") == "DENY"
    api = stack.get("/api/v1/tips/current")
    assert api.header("x-cache") != "HIT"


@needs_nginx
def test_a_tip_goes_through_nginx_and_its_answer_is_never_kept(stack):
    body = json.dumps({"text": "东风路口今早两车相撞，一人受伤，交警已到场。"}).encode()
    answer = stack.post("/api/v1/tips", body, {"Content-Type": "application/json"})
    assert answer.status == 201, answer.body[:300]
    assert answer.header("cache-control") == "no-store"
    assert answer.header("x-cache") == ""  # never looked up in the cache
    login = stack.get("/admin/login/")
    assert login.header("x-cache") == "BYPASS"  # the newsroom: never from the cache
    assert "s-maxage" not in login.header("cache-control")


@needs_nginx
def test_query_strings_and_other_spellings_are_not_stored(stack):
    path = _story_paths(stack)[0]
    assert stack.get(path + "?utm=1").header("x-cache") == "BYPASS"
    lower = stack.get(f"/epaper/{DATE.replace('-', '')}/{PAGE.lower()}/")
    assert "s-maxage" not in lower.header("cache-control")


@needs_nginx
def test_a_withdrawn_story_leaves_every_cache_within_a_second(stack):
    path = _story_paths(stack)[-1]
    zipped = {"Accept-Encoding": "gzip"}
    for headers in ({}, zipped, {}, zipped):
        assert stack.get(path, headers).status == 200
    assert stack.get(path).header("x-cache") == "HIT"
    assert stack.get(path, zipped).header("x-cache") == "HIT"
    stack.chenbao("shell", "-c", WITHDRAW.format(path=path))
    deadline = time.monotonic() + 1.0
    answer = stack.get(path)
    while answer.status == 200 and time.monotonic() < deadline:
        time.sleep(0.05)
        answer = stack.get(path)
    assert answer.status == 404
    assert stack.get(path, zipped).status == 404  # the gzip copy too
    # and it stays gone: the refreshed entry is the 404, not a late copy of the story
    time.sleep(0.3)
    assert stack.get(path).status == 404


WITHDRAW = """
from django.contrib.auth.models import Group, User
from chenbao.core.roles import CHIEF_EDITOR
from chenbao.stories.models import StoryPage
from chenbao.stories.services import story_withdraw
chief = User.objects.create_user("chief", is_staff=True)
chief.groups.add(Group.objects.get_or_create(name=CHIEF_EDITOR.name)[0])
story = next(s for s in StoryPage.objects.live() if s.url == "{path}")
story_withdraw(story=story, user=chief, reason="测试撤稿")
"""


def _story_paths(stack) -> list[str]:
    sitemap = stack.get("/sitemap.xml")
    assert sitemap.status == 200
    urls = re.findall(rb"<loc>https?://[^/]+(/[^<]*)</loc>", sitemap.body)
    stories = [u.decode() for u in urls if re.search(rb"-a\d\d-\d+/$", u)]
    assert stories, sitemap.body[:500]
    return stories
