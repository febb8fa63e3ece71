"""The reader site: front page, e-paper by date, a printed page, a story's own page.

The e-paper pages are the files the publish step wrote: a page nobody published is not there.
"""

import json
import re

import pytest
from django.test import Client

from chenbao.core.punctuation import zh_punctuation
from chenbao.core.roles import CHIEF_EDITOR
from chenbao.stories.models import StoryPage

SENTENCE_END = re.compile(r"[。！？!?…”」』）)]$")


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def published(reference_page):
    from chenbao.editions.services.publish import edition_publish

    edition_publish(edition=reference_page.edition, base_url="http://testserver")
    return reference_page


def paragraphs(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p>(.*?)</p>", html, re.S)]


def test_front_page_shows_the_latest_edition_s_first_page(client, published):
    html = client.get("/").content.decode()
    assert html == client.get("/epaper/2022-12-02/A02/").content.decode()
    for text in [
        # the page image in sizes, WebP first, JPEG for the rest
        'type="image/webp" srcset="/epaper-files/2022-12-02/A02-600.webp 600w',
        "/epaper-files/2022-12-02/A02-900.jpg 900w",
        'class="area" id="area-story-',
        "淄博市委常委会召开会议",
        "民生建设进展如何",  # its ? printed full width at display (decision 0024)
        "2日,多云,南风2~3级增强至3~4级,-6~5℃",
        "3日,阴,南风2~3级转北风3~4级,-4~3℃",
        "4日,阴,北风转东南风2~3级,-5~3℃",
        "新闻热线 3585000",
        "奖金最低50元最高千元",
        "一盔一带 安全常在",
        "公益广告",
        "星期五",
    ]:
        assert text in html, text
    assert "<svg" in html  # the tip-line QR code (shown on wide screens)
    assert 'href="/baoliao/"' in html  # the banner is a button to the tip-line
    assert 'href="tel:3585000"' in html
    assert "群管理员" not in html  # the print-only caption stays in print
    # Story text is read on the story's own page, not dumped below the page image.
    assert "淄博12月1日讯" not in html


def test_no_sentence_is_broken_by_a_column_break(client, reference_page):
    body = []
    for story in StoryPage.objects.all():
        body += paragraphs(client.get(story.url).content.decode())
    assert len(body) >= 10
    for text in body:
        assert SENTENCE_END.search(text.strip()), text[-20:]
    joined = "".join(body)
    for fixed in ["坚定信心", "认真回应群众诉求", "超630家", "42所，增加学位", "2100余次"]:
        assert fixed in joined
    pages = "".join(client.get(story.url).content.decode() for story in StoryPage.objects.all())
    assert "淄博12月1日讯" in pages
    assert "大众日报淄博融媒体中心记者 任灵芝 特约记者 姜东林 梁昊 张晓军" in pages


def test_edition_lists_its_pages(client, published):
    html = client.get("/epaper/2022-12-02/").content.decode()
    assert "/epaper/2022-12-02/A02/" in html
    assert "要闻" in html
    assert "2022-12-02" in client.get("/epaper/").content.decode()


def test_each_story_has_its_own_url(client, published):
    for story in StoryPage.objects.all():
        response = client.get(story.url)
        assert response.status_code == 200
        assert zh_punctuation(story.title) in response.content.decode()  # decision 0024
    page_html = client.get("/epaper/2022-12-02/A02/").content.decode()
    assert all(story.url in page_html for story in StoryPage.objects.all())


@pytest.mark.parametrize(
    "url",
    [
        "/epaper/2022-12-03/",
        "/epaper/not-a-date/",
        "/epaper/2022-12-02/B09/",
        "/epaper/2022-12-02/..%2F..%2Fsecret/",
    ],
)
def test_unknown_editions_and_pages_are_404(client, published, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_front_page_without_editions(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "还没有出版的报纸" in response.content.decode()


def test_an_edition_not_yet_published_is_not_on_the_site(client, reference_page):
    assert client.get("/epaper/2022-12-02/A02/").status_code == 404
    assert "还没有出版的报纸" in client.get("/").content.decode()


def test_the_e_paper_pages_do_not_read_the_database(client, published, django_assert_num_queries):
    with django_assert_num_queries(0):
        for url in ["/", "/epaper/", "/epaper/2022-12-02/", "/epaper/2022-12-02/A02/"]:
            assert client.get(url).status_code == 200


def test_a_withdrawn_story_leaves_the_printed_page_view(
    client, published, make_user, django_capture_on_commit_callbacks
):
    from chenbao.stories.services import story_withdraw

    story = StoryPage.objects.get(title="民生建设进展如何?")
    assert story.url in client.get("/epaper/2022-12-02/A02/").content.decode()
    chief = make_user("chief", CHIEF_EDITOR)
    with django_capture_on_commit_callbacks(execute=True):
        story_withdraw(story=story, user=chief, reason="数据有误")
    html = client.get("/epaper/2022-12-02/A02/").content.decode()
    assert "淄博市委常委会召开会议" in html
    assert "民生建设进展如何" not in html
    assert "加速推进教育均衡发展" not in html


def test_story_page_leads_back_to_its_page_and_on_in_reading_order(client, published):
    from chenbao.editions.storage import publish_dir

    manifest = json.loads((publish_dir() / "2022-12-02/manifest.json").read_text("utf-8"))
    first, second = [a for a in manifest["pages"]["A02"]["areas"] if a["url"]][:2]
    html = client.get(first["url"]).content.decode()
    back = re.search(r'<a class="back-to-page" href="([^"]+)"', html).group(1)
    assert back == f"/epaper/2022-12-02/A02/#area-{first['story']}"
    assert f'class="next-story" rel="next" href="{second["url"]}"' in html
    assert "previous-story" not in html  # the first story of the edition
    assert 'class="page-pdf" href="/epaper-files/2022-12-02/A02.pdf"' in html
    following = client.get(second["url"]).content.decode()
    assert f'class="previous-story" rel="prev" href="{first["url"]}"' in following
    # the page the link goes to has that story's area, which :target highlights
    page = client.get("/epaper/2022-12-02/A02/").content.decode()
    assert f'id="area-{first["story"]}"' in page


def test_a_story_of_an_unfinished_edition_has_no_page_links(client, reference_page):
    from chenbao.editions.models import StoryPlacement

    story = StoryPlacement.objects.filter(page=reference_page).first().story
    html = client.get(story.url).content.decode()  # the edition was never published
    assert 'class="back-to-page"' not in html and 'class="page-pdf"' not in html


def test_a_wrong_url_gets_the_paper_s_chinese_404(client, settings, db):
    for debug in (False, True):  # production, and make demo with DEBUG on
        settings.DEBUG = debug
        response = client.get("/no-such-page/")
        html = response.content.decode()
        assert response.status_code == 404 and "找不到这个页面" in html, debug
        assert 'class="masthead"' in html and 'action="/search/"' in html
        assert "URLconf" not in html and "Page not found" not in html
    assert "找不到这个页面" not in client.get("/api/v1/tips/nothing").content.decode()


def test_the_500_page_is_chinese_and_needs_nothing(client):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")  # rendered without a request, as Django does
    assert "服务器出错了" in html and 'href="/"' in html
