from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "chenbao.archive"
    label = "archive"
    verbose_name = _("档案")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from chenbao.archive.search import signals

        signals.connect()
