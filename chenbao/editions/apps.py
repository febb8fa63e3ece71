from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    name = "chenbao.editions"
    label = "editions"
    verbose_name = _("版面")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from chenbao.editions import signals

        signals.connect()
