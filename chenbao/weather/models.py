from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


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
