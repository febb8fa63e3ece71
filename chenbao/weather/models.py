from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

# How the newsroom names each forecast source (CHENBAO["WEATHER_PROVIDER"]).
PROVIDER_LABELS = {"file": _("气象台文件"), "open-meteo": "Open-Meteo"}


class ProviderLabelled:
    provider: str

    @property
    def provider_label(self) -> str:
        """The source as the newsroom names it (气象台文件), not the setting's value."""
        return str(PROVIDER_LABELS.get(self.provider, self.provider))


class PrintedForecastDay(Orderable):
    """One day of the weather box on a printed page, in the paper's own wording.

    `text` is what is printed; the other fields are its parse, kept for search and
    for re-wording in another house style.
    """

    page = ParentalKey(
        "editions.PrintedPage", on_delete=models.CASCADE, related_name="forecast_days"
    )
    date = models.DateField(_("日期"), null=True, blank=True)
    text = models.CharField(_("预报文字"), max_length=120)
    sky = models.JSONField(_("天气现象"), default=list, blank=True)
    wind = models.JSONField(_("风"), default=list, blank=True)
    wind_change = models.CharField(_("风的变化"), max_length=8, blank=True)
    gust = models.PositiveSmallIntegerField(_("阵风（级）"), null=True, blank=True)
    temp_min = models.SmallIntegerField(_("最低气温"), null=True, blank=True)
    temp_max = models.SmallIntegerField(_("最高气温"), null=True, blank=True)

    panels = [FieldPanel("date"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("天气预报")
        verbose_name_plural = _("天气预报")

    def __str__(self) -> str:
        return self.text


class Forecast(ProviderLabelled, models.Model):
    """The last good forecast for one place and one day, as fetched from a provider.

    `data` is the day in the shape `wording.day_from_data` reads; `text` is its printed
    wording. `override_text`, typed by the night editor, wins over `text` until cleared.
    A failed fetch leaves these rows alone: the paper prints the last good forecast.
    """

    location = models.CharField(_("地点"), max_length=40)
    date = models.DateField(_("日期"))
    data = models.JSONField(_("预报数据"), default=dict)
    text = models.CharField(_("自动措辞"), max_length=120)
    override_text = models.CharField(
        _("编辑改写"), max_length=120, blank=True, help_text=_("填写后以此为准；清空则恢复自动措辞")
    )
    provider = models.CharField(_("数据来源"), max_length=40)
    fetched_at = models.DateTimeField(_("获取时间"))

    class Meta:
        verbose_name = _("天气预报数据")
        verbose_name_plural = _("天气预报数据")
        ordering = ["location", "date"]
        constraints = [
            models.UniqueConstraint(fields=["location", "date"], name="forecast_unique_place_day")
        ]

    def __str__(self) -> str:
        return f"{self.location} {self.date:%Y-%m-%d} {self.printed_text}"

    @property
    def printed_text(self) -> str:
        """Return what the paper prints: the editor's override, else the automatic wording."""
        return self.override_text.strip() or self.text


class ForecastFetch(ProviderLabelled, models.Model):
    """One attempt to fetch a forecast (successful or not), for the night editor to see."""

    location = models.CharField(_("地点"), max_length=40)
    provider = models.CharField(_("数据来源"), max_length=40)
    at = models.DateTimeField(_("时间"), db_index=True)
    ok = models.BooleanField(_("成功"))
    days = models.PositiveSmallIntegerField(_("天数"), default=0)
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        verbose_name = _("天气获取记录")
        verbose_name_plural = _("天气获取记录")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.provider} {'OK' if self.ok else self.error[:40]}"
