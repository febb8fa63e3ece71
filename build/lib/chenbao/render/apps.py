from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RenderConfig(AppConfig):
    name = "chenbao.render"
    label = "render"
    verbose_name = _("排版输出")
    default_auto_field = "django.db.models.BigAutoField"
