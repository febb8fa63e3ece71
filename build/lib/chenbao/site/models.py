from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class HomePage(Page):
    """The root of the reader site's page tree; sections hang below it.

    The front page itself ("/") is served by `site.views.front`, which shows the
    latest edition; this page only anchors the tree and its URLs.
    """

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["stories.SectionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("首页")
        verbose_name_plural = _("首页")
