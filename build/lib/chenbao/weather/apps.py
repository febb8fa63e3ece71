from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WeatherConfig(AppConfig):
    name = "chenbao.weather"
    label = "weather"
    verbose_name = _("天气")
    default_auto_field = "django.db.models.BigAutoField"
