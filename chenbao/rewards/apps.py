from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RewardsConfig(AppConfig):
    name = "chenbao.rewards"
    label = "rewards"
    verbose_name = _("奖励")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from chenbao.rewards.signals import on_page_published

        page_published.connect(on_page_published, dispatch_uid="chenbao.rewards.page_published")
