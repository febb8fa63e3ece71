from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from chenbao.stories.models import Contributor


class ContributorViewSet(SnippetViewSet):
    model = Contributor
    icon = "user"
    menu_label = _("作者")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "organisation", "default_role"]
    search_fields = ["name", "organisation"]


register_snippet(ContributorViewSet)
