"""The editions' admin: menus, URLs and listing buttons (wagtail_hooks.py)."""

import datetime as dt

from django.test import Client
from django.urls import reverse

from chenbao.core.roles import ADMIN, PAGE_EDITOR, PROOFREADER, REPORTER
from chenbao.editions.models import Edition, PrintedPage
from chenbao.editions.wagtail_hooks import edition_publish_button, page_board_button


def test_edition_list_in_admin_has_the_publish_button(make_user, reference_page):
    client = Client()
    client.force_login(make_user("boss", ADMIN, superuser=True))
    html = client.get("/admin/snippets/editions/edition/").content.decode()
    assert f"/admin/editions/{reference_page.edition.pk}/publish/" in html


def test_the_admin_urls_of_publishing_the_board_and_proofs_are_named():
    assert reverse("editions_publish", args=[7]) == "/admin/editions/7/publish/"
    assert reverse("editions_board", args=[3]) == "/admin/editions/pages/3/board/"
    assert reverse("editions_board_save", args=[3]) == "/admin/editions/pages/3/board/save/"
    assert reverse("editions_preview", args=[7, "A02"]) == "/admin/editions/7/preview/A02/"
    assert reverse("editions_print_release", args=[3]) == "/admin/proofs/3/print/"


def test_publish_and_board_buttons_are_offered_only_to_those_who_may(db, make_user):
    edition = Edition(pk=7, date=dt.date(2022, 12, 2))
    page = PrintedPage(pk=3, edition=edition, number="A02")
    editor, reporter = make_user("banmian", PAGE_EDITOR), make_user("jizhe", REPORTER)
    [publish] = edition_publish_button(edition, editor)
    assert (str(publish.label), publish.url) == ("出版", "/admin/editions/7/publish/")
    [board] = page_board_button(page, editor)
    assert (str(board.label), board.url) == ("版面编辑台", "/admin/editions/pages/3/board/")
    assert list(edition_publish_button(edition, reporter)) == []
    assert list(page_board_button(page, reporter)) == []
    assert list(edition_publish_button(page, editor)) == []  # only on editions
    assert list(page_board_button(edition, editor)) == []  # only on printed pages


def test_the_proofs_menu_is_shown_to_proofreaders_not_reporters(make_user):
    client = Client()
    client.force_login(make_user("jiaodui", PROOFREADER))
    assert "/admin/proofs/" in client.get("/admin/").content.decode()
    client.force_login(make_user("jizhe", REPORTER))
    assert "/admin/proofs/" not in client.get("/admin/").content.decode()
