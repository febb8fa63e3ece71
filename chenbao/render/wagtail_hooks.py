from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.widgets import SnippetListingButton

from chenbao.core.access import Action, may
from chenbao.editions.models import Edition


@hooks.register("register_snippet_listing_buttons")
def edition_publish_button(snippet, user, next_url=None):
    """A 发布数字报 button on each edition in the admin's edition list."""
    if isinstance(snippet, Edition) and may(user, Action.EDITION_PUBLISH):
        yield SnippetListingButton(
            _("发布数字报"),
            reverse("render_edition_publish", args=[snippet.pk]),
            icon_name="upload",
            priority=20,
        )
