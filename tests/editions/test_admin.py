"""Editors see and edit editions, printed pages and stories in the (Chinese) admin."""

import re

import pytest
from django.test import Client

from chenbao.core.roles import ADMIN, PAGE_EDITOR
from chenbao.editions.layout.model import Grid
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


def test_page_editor_sees_the_slot_board_with_the_grid_from_the_server(make_user, reference_page):
    """The 版位 panel draws the page grid (numbers from Grid, not the script) and its script."""
    grid = Grid()
    client = Client()
    client.force_login(make_user("banmian", PAGE_EDITOR))
    for url in (
        f"/admin/snippets/editions/printedpage/edit/{reference_page.pk}/",
        "/admin/snippets/editions/printedpage/add/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        board = re.search(r"<div class=\"slot-board\" data-slot-board(.*?)>", html, re.S)
        assert board, url
        attrs = dict(re.findall(r'data-([\w-]+)="([^"]*)"', board.group(1)))
        assert attrs["formset-prefix"] == "slots"
        assert int(attrs["columns"]) == grid.columns == 6
        assert float(attrs["gutter"]) == grid.gutter
        assert float(attrs["column-width"]) == grid.column_width
        assert float(attrs["type-width"]) == grid.type_width
        assert float(attrs["type-height"]) == grid.type_height == 385
        assert attrs["overlap-text"] == "版位重叠：{slots}"
        assert html.count('class="slot-board__column"') == grid.columns
        assert "版心 269 × 385 毫米，6 栏" in html
        assert "/static/editions/slot_board.js" in html
        assert "/static/editions/slot_board.css" in html
        # The board sits on the slots' inline forms, which stay the numbers that are saved.
        assert html.index("data-slot-board") < html.index('id="id_slots-FORMS"')
