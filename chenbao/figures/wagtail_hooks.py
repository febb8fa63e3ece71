from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from chenbao.core.access import Action, may
from chenbao.core.menu import ActionMenuItem
from chenbao.figures import admin_views
from chenbao.stories.panels import HOOK as REVIEW_AIDS
from chenbao.stories.panels import ReviewAid


@hooks.register("register_admin_urls")
def figures_desk_urls():
    return [
        path("figures/", admin_views.desk, name="figures_desk"),
        path("figures/story/<int:pk>/", admin_views.story_check, name="figures_story_check"),
        path("figures/indicators/new/", admin_views.indicator_new, name="figures_indicator_new"),
        path("figures/pledges/import/", admin_views.pledges_import, name="figures_pledges_import"),
        path(
            "figures/pledges/from-figure/",
            admin_views.pledge_from_figure,
            name="figures_pledge_from_figure",
        ),
    ]


@hooks.register("register_page_header_buttons")
def story_check_button(page, user, view_name, next_url=None):
    from chenbao.stories.models import StoryPage

    if isinstance(page.specific_deferred, StoryPage) and may(user, Action.FIGURES_CHECK):
        yield Button(_("数据核对"), reverse("figures_story_check", args=[page.pk]), priority=85)


@hooks.register(REVIEW_AIDS)
def figures_review_aids(draft, user):
    """Figures of the draft that contradict what the paper printed, in the story editor."""
    from chenbao.figures import selectors
    from chenbao.stories.models import StoryPage

    if not isinstance(draft, StoryPage) or not may(user, Action.FIGURES_CHECK):
        return []
    link = reverse("figures_story_check", args=[draft.pk])
    return [
        ReviewAid(quote=c.figure.text, warning=c.warning, link=link, link_text=str(_("数据核对")))
        for c in selectors.story_check(draft)
        if c.warning
    ]


@hooks.register("register_admin_menu_item")
def figures_menu():
    return ActionMenuItem(
        _("数据与承诺"),
        reverse("figures_desk"),
        icon_name="table",
        order=330,
        actions=(Action.FIGURES_DESK,),
    )
