from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from chenbao.core.access import Action, may
from chenbao.core.menu import ActionMenuItem
from chenbao.figures import admin_views


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


@hooks.register("register_admin_menu_item")
def figures_menu():
    return ActionMenuItem(
        _("数据与承诺"),
        reverse("figures_desk"),
        icon_name="table",
        order=330,
        actions=(Action.FIGURES_DESK,),
    )
