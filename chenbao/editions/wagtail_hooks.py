from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from chenbao.core.access import Action, may
from chenbao.core.menu import ActionMenuItem
from chenbao.core.snippets import SnippetViewSet
from chenbao.editions import admin_views
from chenbao.editions.models import Edition, PrintedPage


class EditionViewSet(SnippetViewSet):
    model = Edition
    icon = "date"
    menu_label = _("报纸期次")
    list_display = ["date", "paper", "issue_number"]
    list_filter = ["paper"]
    ordering = ["-date"]


class PrintedPageViewSet(SnippetViewSet):
    model = PrintedPage
    icon = "doc-full"
    menu_label = _("版面")
    list_display = ["edition", "number", "name", "editor"]
    list_filter = ["edition"]
    search_fields = ["number", "name"]


class EditionsGroup(SnippetViewSetGroup):
    menu_label = _("版面")
    menu_icon = "doc-full-inverse"
    menu_order = 200
    items = (EditionViewSet, PrintedPageViewSet)


register_snippet(EditionsGroup)


@hooks.register("register_admin_urls")
def editions_admin_urls():
    return [
        path(
            "editions/<int:edition_id>/publish/",
            admin_views.edition_publish_view,
            name="editions_publish",
        ),
        path(
            "editions/pages/<int:page_id>/board/",
            admin_views.page_board_view,
            name="editions_board",
        ),
        path(
            "editions/pages/<int:page_id>/board/preview/",
            admin_views.page_board_preview_view,
            name="editions_board_preview",
        ),
        path(
            "editions/pages/<int:page_id>/board/save/",
            admin_views.page_board_save_view,
            name="editions_board_save",
        ),
        path(
            "editions/<int:edition_id>/preview/<str:number>/",
            admin_views.edition_preview_view,
            name="editions_preview",
        ),
        path(
            "editions/<int:edition_id>/preview-files/<str:name>",
            admin_views.edition_preview_file_view,
            name="editions_preview_file",
        ),
        path("proofs/", admin_views.proof_pages_view, name="editions_proofs"),
        path("proofs/<int:page_id>/", admin_views.proof_record_view, name="editions_proof_record"),
        path(
            "proofs/<int:page_id>/print/",
            admin_views.print_release_view,
            name="editions_print_release",
        ),
    ]


@hooks.register("register_admin_menu_item")
def proofs_menu_item():
    return ActionMenuItem(
        _("三校"),
        reverse("editions_proofs"),
        icon_name="tasks",
        order=230,
        name="chenbao-proofs",
        actions=(Action.PAGE_PROOFS_VIEW,),
    )


@hooks.register("register_snippet_listing_buttons")
def edition_publish_button(snippet, user, next_url=None):
    """A 出版 button on each edition in the admin's edition list."""
    if isinstance(snippet, Edition) and may(user, Action.EDITION_PUBLISH):
        yield Button(
            _("出版"),
            reverse("editions_publish", args=[snippet.pk]),
            icon_name="upload",
            priority=20,
        )


@hooks.register("register_snippet_listing_buttons")
def page_board_button(snippet, user, next_url=None):
    """A 版面编辑台 button on each printed page in the admin's page list."""
    if isinstance(snippet, PrintedPage) and may(user, Action.PAGE_LAYOUT):
        yield Button(
            _("版面编辑台"),
            reverse("editions_board", args=[snippet.pk]),
            icon_name="view",
            priority=10,
        )
