from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from chenbao.core.access import Action
from chenbao.core.menu import ActionMenuItem
from chenbao.core.snippets import SnippetViewSet
from chenbao.rewards import admin_views
from chenbao.rewards.models import RewardTier

# The reward desk's pages, under /admin/rewards/ in the namespace rewards_desk.
desk_urls = [
    path("", admin_views.reward_list, name="list"),
    path("report/", admin_views.report, name="report"),
    path("<int:reward_id>/act/", admin_views.reward_act, name="act"),
]


@hooks.register("register_admin_urls")
def register_rewards_urls():
    return [path("rewards/", include((desk_urls, "rewards_desk")))]


@hooks.register("register_admin_menu_item")
def register_rewards_menu():
    return ActionMenuItem(
        _("爆料奖励"),
        reverse("rewards_desk:list"),
        icon_name="tag",
        order=152,
        actions=(Action.REWARD_VIEW,),
    )


class RewardTierViewSet(SnippetViewSet):
    """The reward policy (奖励档次), editable by admins; amounts 50–1000 (database checks)."""

    model = RewardTier
    icon = "tag"
    menu_label = _("奖励档次")
    list_display = ["label", "amount", "description"]
    add_to_admin_menu = False


register_snippet(RewardTierViewSet)
