from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "chenbao.figures"
    label = "figures"
    verbose_name = _("数据与承诺")
    default_auto_field = "django.db.models.BigAutoField"
