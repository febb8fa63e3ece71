from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import WorkflowMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from chenbao.core.access import Action, may
from chenbao.core.menu import ActionMenuItem
from chenbao.core.snippets import SnippetViewSet
from chenbao.stories import admin_views, selectors
from chenbao.stories.models import Contributor, StoryPage


class ContributorViewSet(SnippetViewSet):
    model = Contributor
    icon = "user"
    menu_label = _("作者")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "organisation", "default_role"]
    search_fields = ["name", "organisation"]


register_snippet(ContributorViewSet)


@hooks.register("register_admin_urls")
def story_admin_urls():
    return [
        path(
            "stories/<int:pk>/review-slip.pdf",
            admin_views.review_slip_pdf,
            name="chenbao_story_review_slip",
        ),
        path(
            "stories/<int:pk>/correct/",
            admin_views.story_correct_view,
            name="chenbao_story_correct",
        ),
        path(
            "stories/<int:pk>/withdraw/",
            admin_views.story_withdraw_view,
            name="chenbao_story_withdraw",
        ),
        path(
            "stories/withdrawals/", admin_views.withdrawals_view, name="chenbao_story_withdrawals"
        ),
        path(
            "stories/notices/read/",
            admin_views.notices_mark_read,
            name="chenbao_story_notices_read",
        ),
    ]


@hooks.register("register_admin_menu_item")
def withdrawals_menu_item():
    return ActionMenuItem(
        _("撤稿记录"),
        reverse("chenbao_story_withdrawals"),
        icon_name="warning",
        order=240,
        name="chenbao-withdrawals",
        actions=(Action.STORY_WITHDRAW,),
    )


@hooks.register("register_page_header_buttons")
def story_header_buttons(page, user, view_name, next_url=None):
    if not isinstance(page.specific_deferred, StoryPage):
        return
    if selectors.user_may_see_review_slip(user=user, story=page):
        yield Button(
            _("审稿单（PDF）"),
            reverse("chenbao_story_review_slip", args=[page.pk]),
            icon_name="doc-full",
            priority=80,
        )
    if page.live and may(user, Action.STORY_CORRECT):
        yield Button(_("发布更正"), reverse("chenbao_story_correct", args=[page.pk]), priority=81)
    if page.live and may(user, Action.STORY_WITHDRAW):
        yield Button(_("撤稿"), reverse("chenbao_story_withdraw", args=[page.pk]), priority=82)


class StoryNoticesPanel(Component):
    name = "chenbao_story_notices"
    template_name = "stories/admin/notices_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"notices": selectors.notices_unread(user=self.user)}


@hooks.register("construct_homepage_panels")
def add_story_notices_panel(request, panels):
    panels.insert(0, StoryNoticesPanel(request.user))


@hooks.register("construct_page_action_menu")
def review_decisions_first(menu_items, request, context):
    """In a review step (初审, 复审, 终审) the decisions are the main actions, not 保存草稿.

    Wagtail sorts the workflow's actions after its own (order 100 against 0): for the
    reviewer of the current step, 通过 with the opinion field becomes the main button,
    退回修改 and 通过 without an opinion come first in the menu beside it.
    """
    decisions = [item for item in menu_items if isinstance(item, WorkflowMenuItem)]
    if not decisions:
        return
    rank = {("approve", True): 0, ("reject", True): 1}
    decisions.sort(key=lambda item: rank.get((item.name, bool(item.launch_modal)), 2))
    rest = [item for item in menu_items if not isinstance(item, WorkflowMenuItem)]
    menu_items[:] = decisions + rest
