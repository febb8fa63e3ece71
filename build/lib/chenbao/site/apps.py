from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "chenbao.site"
    label = "site"
    verbose_name = _("读者网站")
    default_auto_field = "django.db.models.BigAutoField"
