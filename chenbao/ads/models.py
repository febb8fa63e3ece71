from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class AdKind(models.TextChoices):
    COMMERCIAL = "commercial", _("商业广告")
    PUBLIC_SERVICE = "public_service", _("公益广告")


class AdPlacement(Orderable):
    """An ad printed on a page: a booked commercial ad or a public-service ad (公益广告)."""

    page = ParentalKey(
        "editions.PrintedPage", on_delete=models.CASCADE, related_name="ad_placements"
    )
    kind = models.CharField(
        _("类型"), max_length=20, choices=AdKind.choices, default=AdKind.COMMERCIAL
    )
    advertiser = models.CharField(_("广告主"), max_length=80, blank=True)
    text = models.TextField(_("广告文字"), blank=True, help_text=_("每行一句，照印刷原样"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("广告图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Size on the page's grid: columns wide and millimetres high (版面尺寸).
    columns = models.PositiveSmallIntegerField(_("栏数"), default=6)
    height_mm = models.PositiveSmallIntegerField(_("高度（毫米）"), default=60)

    panels = [
        FieldPanel("kind"),
        FieldPanel("advertiser"),
        FieldPanel("text"),
        FieldPanel("image"),
        FieldPanel("columns"),
        FieldPanel("height_mm"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("广告")
        verbose_name_plural = _("广告")

    def __str__(self) -> str:
        first = self.lines[0] if self.lines else ""
        return f"{self.get_kind_display()} {first}".strip()

    @property
    def lines(self) -> list[str]:
        return [line for line in self.text.splitlines() if line.strip()]
