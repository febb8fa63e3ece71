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

        from django.db.models.signals import post_migrate

        from chenbao.core.permissions import permissions_worded

        # After Django has created the permissions (its own post_migrate handler).
        post_migrate.connect(permissions_worded, dispatch_uid="chenbao-permissions-worded")

        from chenbao.core.wagtail_words import wagtail_labels_worded

        wagtail_labels_worded()
