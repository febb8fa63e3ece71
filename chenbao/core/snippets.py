"""Snippets in the newsroom's admin, their chooser worded in the language it is shown in.

Wagtail words a snippet chooser's buttons once, when the app starts and no language is
active, so a story's byline read "Choose another 作者". Every chenbao snippet viewset
derives from `SnippetViewSet` here, whose chooser words them each time it is shown.
"""

from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet as WagtailSnippetViewSet
from wagtail.snippets.widgets import AdminSnippetChooser


def _worded(msgid: str, name: str) -> str:
    return gettext(msgid) % {"object": name}


_worded_lazy = lazy(_worded, str)


class SnippetChooser(AdminSnippetChooser):
    def __init__(self, model, **kwargs):
        super().__init__(model, **kwargs)
        name = model._meta.verbose_name
        self.choose_one_text = _worded_lazy("Choose %(object)s", name)
        self.choose_another_text = _worded_lazy("Choose another %(object)s", name)
        self.link_to_chosen_text = _worded_lazy("Edit this %(object)s", name)


class ChooserViewSet(SnippetChooserViewSet):
    @cached_property
    def widget_class(self):
        return SnippetChooser(model=self.model, icon=self.icon)


class SnippetViewSet(WagtailSnippetViewSet):
    chooser_viewset_class = ChooserViewSet
