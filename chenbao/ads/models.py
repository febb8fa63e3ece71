from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from chenbao.core.fields import image_link


def text_lines(text: str) -> list[str]:
    """An ad's words as printed: one line a line, blank lines left out."""
    return [line for line in text.splitlines() if line.strip()]


def slogan_line_field() -> models.PositiveSmallIntegerField:
    """Which of the ad's lines is set large in red (1 for the first; 0: the shortest)."""
    return models.PositiveSmallIntegerField(
        _("标语行"),
        default=0,
        help_text=_("第几行印成醒目的大字（红色）；0：最短的一行"),
    )


class AdKind(models.TextChoices):
    COMMERCIAL = "commercial", _("商业广告")
    PUBLIC_SERVICE = "public_service", _("公益广告")


# models.Model is Orderable's base already; naming it lets mypy's django-stubs plugin see a
# model (wagtail is untyped) and type Booking.placements and PublicServiceAd.placements.
class AdPlacement(Orderable, models.Model):
    """An ad printed on a page: a booked commercial ad or a public-service ad (公益广告)."""

    page = ParentalKey(
        "editions.PrintedPage", on_delete=models.CASCADE, related_name="ad_placements"
    )
    kind = models.CharField(
        _("类型"), max_length=20, choices=AdKind.choices, default=AdKind.COMMERCIAL
    )
    advertiser = models.CharField(_("广告主"), max_length=80, blank=True)
    text = models.TextField(_("广告文字"), blank=True, help_text=_("每行一句，照印刷原样"))
    slogan_line = slogan_line_field()
    image = image_link(_("广告图片"))
    # Size on the page's grid: columns wide and millimetres high (版面尺寸).
    columns = models.PositiveSmallIntegerField(_("栏数"), default=6)
    height_mm = models.PositiveSmallIntegerField(_("高度（毫米）"), default=60)
    # Where on the page (版位) and what the ad desk placed here, when it did.
    position = models.CharField(_("版位"), max_length=20, blank=True)
    booking = models.ForeignKey(
        "ads.Booking",
        verbose_name=_("预订"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placements",
    )
    public_service_ad = models.ForeignKey(
        "ads.PublicServiceAd",
        verbose_name=_("公益广告"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placements",
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("advertiser"),
        FieldPanel("text"),
        FieldPanel("slogan_line"),
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
        return text_lines(self.text)


class Position(models.TextChoices):
    """Where on a page an ad sits (版位)."""

    BOTTOM = "bottom", _("底部通栏")
    HALF_BOTTOM = "half_bottom", _("底部半通栏")
    EAR = "ear", _("报眼")
    CORNER = "corner", _("右下角")
    SIDEBAR = "sidebar", _("竖条")


class Advertiser(models.Model):
    """A client who buys space (广告客户)."""

    name = models.CharField(_("名称"), max_length=80, unique=True)
    contact_name = models.CharField(_("联系人"), max_length=40, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    notes = models.TextField(_("备注"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("contact_name"),
        FieldPanel("contact_phone"),
        FieldPanel("notes"),
    ]

    class Meta:
        verbose_name = _("广告客户")
        verbose_name_plural = _("广告客户")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("已预订")
    MATERIAL_RECEIVED = "material_received", _("已收稿")
    APPROVED = "approved", _("已审核")
    PLACED = "placed", _("已排版")
    PUBLISHED = "published", _("已见报")
    CANCELLED = "cancelled", _("已取消")


class Booking(models.Model):
    """Space an advertiser bought: pages (or a section) on one date or a run of dates.

    Status moves booked → material received → approved → placed → published; the
    allowed moves are `services.BOOKING_TRANSITIONS`, and only services change it.
    `price` is for the whole booking, in yuan; the revenue report spreads it evenly
    over the booked dates.
    """

    advertiser = models.ForeignKey(
        Advertiser, verbose_name=_("广告客户"), on_delete=models.PROTECT, related_name="bookings"
    )
    title = models.CharField(_("广告名称"), max_length=80)
    text = models.TextField(_("广告文字"), blank=True, help_text=_("电子版显示的文字，每行一句"))
    slogan_line = slogan_line_field()
    date_from = models.DateField(_("起始日期"))
    date_to = models.DateField(_("结束日期"))
    page_number = models.CharField(_("版号"), max_length=8, blank=True, help_text=_("如：A01"))
    section = models.CharField(
        _("版名"), max_length=40, blank=True, help_text=_("不指定版号时按版名，如：要闻")
    )
    position = models.CharField(_("版位"), max_length=20, choices=Position.choices)
    columns = models.PositiveSmallIntegerField(_("栏数"))
    height_mm = models.PositiveSmallIntegerField(_("高度（毫米）"))
    price = models.DecimalField(_("价格（元）"), max_digits=10, decimal_places=2)
    status = models.CharField(
        _("状态"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    created_at = models.DateTimeField(_("预订时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("广告预订")
        verbose_name_plural = _("广告预订")
        ordering = ["-date_from", "page_number", "position"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_from__lte=models.F("date_to")), name="booking_dates_ordered"
            ),
            models.CheckConstraint(
                condition=~models.Q(page_number="", section=""), name="booking_page_or_section"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.advertiser} {self.title}"

    @property
    def where(self) -> str:
        return self.page_number or self.section

    @property
    def dates(self) -> list:
        import datetime as dt

        span = (self.date_to - self.date_from).days
        return [self.date_from + dt.timedelta(days=i) for i in range(span + 1)]


class AdMaterial(models.Model):
    """The artwork an advertiser delivered for a booking (image or PDF), with its check."""

    booking = models.ForeignKey(
        Booking, verbose_name=_("预订"), on_delete=models.CASCADE, related_name="materials"
    )
    file = models.FileField(_("文件"), upload_to="ads/material/%Y/%m/")
    kind = models.CharField(_("格式"), max_length=8)  # "image" or "pdf"
    width_px = models.PositiveIntegerField(_("宽（像素）"), null=True, blank=True)
    height_px = models.PositiveIntegerField(_("高（像素）"), null=True, blank=True)
    width_mm = models.DecimalField(_("宽（毫米）"), max_digits=7, decimal_places=1, null=True)
    height_mm = models.DecimalField(_("高（毫米）"), max_digits=7, decimal_places=1, null=True)
    dpi = models.PositiveIntegerField(_("印刷分辨率（dpi）"), null=True, blank=True)
    ok = models.BooleanField(_("检查通过"), default=False)
    problems = models.TextField(_("问题"), blank=True)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("广告稿件")
        verbose_name_plural = _("广告稿件")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.booking} {self.file.name}"


class PublicServiceAd(models.Model):
    """An approved public-service ad (公益广告) in the library that fills unsold slots."""

    title = models.CharField(_("标题"), max_length=80)
    text = models.TextField(_("广告文字"), help_text=_("每行一句，照印刷原样"))
    slogan_line = slogan_line_field()
    sponsor = models.CharField(_("发布单位"), max_length=80, blank=True)
    image = image_link(_("图片"))
    columns = models.PositiveSmallIntegerField(_("栏数"))
    height_mm = models.PositiveSmallIntegerField(_("高度（毫米）"))
    approved = models.BooleanField(_("已审定"), default=False)
    active = models.BooleanField(_("轮换中"), default=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("slogan_line"),
        FieldPanel("sponsor"),
        FieldPanel("image"),
        FieldPanel("columns"),
        FieldPanel("height_mm"),
        FieldPanel("approved"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("公益广告")
        verbose_name_plural = _("公益广告库")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class AdSlot(models.Model):
    """A standing ad space the paper prints every day on a page (常设版位).

    When an edition's ads are placed, a slot no booking took is filled from the
    public-service library.
    """

    page_number = models.CharField(_("版号"), max_length=8)
    position = models.CharField(_("版位"), max_length=20, choices=Position.choices)
    columns = models.PositiveSmallIntegerField(_("栏数"))
    height_mm = models.PositiveSmallIntegerField(_("高度（毫米）"))
    active = models.BooleanField(_("启用"), default=True)

    panels = [
        FieldPanel("page_number"),
        FieldPanel("position"),
        FieldPanel("columns"),
        FieldPanel("height_mm"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("常设版位")
        verbose_name_plural = _("常设版位")
        ordering = ["page_number", "position"]
        constraints = [
            models.UniqueConstraint(fields=["page_number", "position"], name="adslot_unique_place")
        ]

    def __str__(self) -> str:
        return f"{self.page_number} {self.get_position_display()} {self.columns}栏×{self.height_mm}毫米"
