"""Editors see and edit editions, printed pages and stories in the (Chinese) admin."""

import pytest
from django.test import Client

from chenbao.core.roles import ADMIN
from chenbao.stories.models import Contributor, StoryPage


@pytest.fixture
def editor_client(make_user):
    client = Client()
    client.force_login(make_user("ed", ADMIN, superuser=True))
    return client


def test_admin_speaks_chinese(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert "控制面板" in html
    assert 'lang="zh-hans"' in html


def test_printed_page_is_editable_in_admin(editor_client, reference_page):
    url = f"/admin/snippets/editions/printedpage/edit/{reference_page.pk}/"
    html = editor_client.get(url).content.decode()
    assert "新闻热线" in html
    assert "3585000" in html
    assert "南风2~3级增强至3~4级" in html
    assert "一盔一带 安全常在" in html
    listing = editor_client.get("/admin/snippets/editions/edition/").content.decode()
    assert "2022" in listing


def test_story_and_contributor_are_editable_in_admin(editor_client, reference_page):
    story = StoryPage.objects.get(title="淄博市委常委会召开会议")
    html = editor_client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    for text in ["引题", "副题", "电头", "淄博12月1日讯", "任灵芝", "特约记者"]:
        assert text in html, text
    contributor = Contributor.objects.get(name="任灵芝")
    response = editor_client.get(f"/admin/snippets/stories/contributor/edit/{contributor.pk}/")
    assert response.status_code == 200


def test_admin_needs_a_login(db):
    response = Client().get("/admin/snippets/editions/printedpage/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_chinese_whatever_language_the_browser_asks_for(editor_client):
    """The newsroom works in Chinese; a user picks another language in their own profile."""
    html = editor_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "控制面板" in html
