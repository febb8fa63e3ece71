from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TipsConfig(AppConfig):
    name = "chenbao.tips"
    label = "tips"
    verbose_name = _("爆料")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core import checks

        from chenbao.tips.checks import check_ffmpeg, check_tip_keys

        checks.register(check_tip_keys, checks.Tags.security)
        checks.register(check_ffmpeg)
