from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
