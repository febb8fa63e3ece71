from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "chenbao.core"
    label = "core"
    verbose_name = _("核心")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from chenbao.core.startup import private_files

        connection_created.connect(private_files, dispatch_uid="chenbao-private-files")
