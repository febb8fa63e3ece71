from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RewardsConfig(AppConfig):
    name = "chenbao.rewards"
    label = "rewards"
    verbose_name = _("奖励")
    default_auto_field = "django.db.models.BigAutoField"
