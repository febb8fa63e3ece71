from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdsConfig(AppConfig):
    name = "chenbao.ads"
    label = "ads"
    verbose_name = _("广告")
    default_auto_field = "django.db.models.BigAutoField"
