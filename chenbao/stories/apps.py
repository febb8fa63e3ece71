from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "chenbao.stories"
    label = "stories"
    verbose_name = _("稿件")
    default_auto_field = "django.db.models.BigAutoField"
