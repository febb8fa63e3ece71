from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from chenbao.core.fields import image_link, story_link
from chenbao.editions.blocks import tipline
from chenbao.editions.panels import SlotBoardPanel

WEEKDAYS = "一二三四五六日"


def default_paper_name() -> str:
    return settings.CHENBAO["PAPER_NAME"]


class Edition(ClusterableModel):
    """One day's paper (一期报纸)."""

    paper = models.CharField(_("报名"), max_length=40, default=default_paper_name)
    date = models.DateField(_("出版日期"))
    issue_number = models.PositiveIntegerField(_("期号"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("paper"), FieldPanel("date"), FieldPanel("issue_number")]),
    ]

    class Meta:
        verbose_name = _("报纸期次")
        verbose_name_plural = _("报纸期次")
        ordering = ["-date", "paper"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "date"], name="edition_unique_paper_date")
        ]

    def __str__(self) -> str:
        return f"{self.paper} {self.date:%Y-%m-%d}"

    @property
    def weekday(self) -> str:
        return "星期" + WEEKDAYS[self.date.weekday()]


class PrintedPage(ClusterableModel):
    """A printed page of an edition (版面), e.g. A02 要闻."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("报纸期次"), on_delete=models.CASCADE, related_name="pages"
    )
    number = models.CharField(_("版号"), max_length=8, help_text=_("如：A02"))
    name = models.CharField(_("版名"), max_length=40, blank=True, help_text=_("如：要闻"))
    editor = models.CharField(_("责任编辑"), max_length=40, blank=True)
    designer = models.CharField(_("美编"), max_length=40, blank=True)
    proofreader = models.CharField(_("校对"), max_length=40, blank=True)
    # The tip-line banner printed on this page (手机扫一扫 边聊边爆料 …): blocks/tipline.py.
    tipline_hotline = models.CharField(_("新闻热线"), max_length=40, blank=True)
    tipline_reward_min = models.PositiveIntegerField(_("最低奖金（元）"), null=True, blank=True)
    tipline_reward_max = models.PositiveIntegerField(_("最高奖金（元）"), null=True, blank=True)
    tipline_qr_url = models.URLField(_("二维码网址"), blank=True)
    tipline_qr_caption = models.CharField(_("二维码说明"), max_length=80, blank=True)
    tipline_lines = models.TextField(
        _("爆料栏文字"), blank=True, help_text=_("每行一句，照印刷原样")
    )
    # Text an import could not place anywhere: kept, never dropped, for an editor to sort out.
    unplaced_text = models.TextField(_("未归类文字"), blank=True)
    # Where an archive import read the page from, and the file's SHA-256: an unchanged file
    # is skipped when the archive is imported again.
    source_file = models.CharField(_("来源文件"), max_length=255, blank=True, editable=False)
    source_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("edition"), FieldPanel("number"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("editor"), FieldPanel("designer"), FieldPanel("proofreader")]),
        tipline.PANEL,
        InlinePanel("story_placements", label=_("稿件")),
        InlinePanel("forecast_days", label=_("天气预报")),
        InlinePanel("ad_placements", label=_("广告")),
        SlotBoardPanel("slots", label=_("版位（留空则自动排版）")),
        FieldPanel("unplaced_text"),
    ]

    class Meta:
        verbose_name = _("版面")
        verbose_name_plural = _("版面")
        ordering = ["edition", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "number"], name="page_unique_edition_number"
            ),
            models.CheckConstraint(
                condition=models.Q(tipline_reward_min__isnull=True)
                | models.Q(tipline_reward_max__isnull=True)
                | models.Q(tipline_reward_min__lte=models.F("tipline_reward_max")),
                name="page_tipline_reward_range",
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.number} {self.name}".strip()
        return f"{self.edition} {label}"

    @property
    def has_tipline(self) -> bool:
        return bool(self.tipline_hotline or self.tipline_lines)

    @property
    def tipline_line_list(self) -> list[str]:
        return [line for line in self.tipline_lines.splitlines() if line.strip()]


class StoryPlacement(Orderable):
    """A story printed on a page, in reading order."""

    page = ParentalKey(PrintedPage, on_delete=models.CASCADE, related_name="story_placements")
    story = models.ForeignKey(
        "stories.StoryPage",
        verbose_name=_("稿件"),
        on_delete=models.CASCADE,
        related_name="placements",
    )

    panels = [FieldPanel("story")]

    class Meta(Orderable.Meta):
        verbose_name = _("见报稿件")
        verbose_name_plural = _("见报稿件")
        constraints = [
            models.UniqueConstraint(fields=["page", "story"], name="placement_unique_page_story")
        ]

    def __str__(self) -> str:
        return str(self.story)


class SlotKind(models.TextChoices):
    STORY = "story", _("稿件")
    WEATHER = "weather", _("天气预报")
    TIPLINE = "tipline", _("爆料栏")
    AD = "ad", _("广告")
    PICTURE = "picture", _("图片")


class PageSlot(Orderable):
    """A place on the page grid (版位) the page editor gives to a story, the weather, the
    tip-line banner, an ad or a picture. A page without slots is arranged automatically."""

    page = ParentalKey(PrintedPage, on_delete=models.CASCADE, related_name="slots")
    key = models.CharField(_("版位名"), max_length=20, blank=True, help_text=_("如：头条"))
    kind = models.CharField(
        _("内容"), max_length=10, choices=SlotKind.choices, default=SlotKind.STORY
    )
    story = story_link(_("稿件"))
    ad = models.ForeignKey(
        "ads.AdPlacement",
        verbose_name=_("广告"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image = image_link(_("图片"))
    caption = models.CharField(_("图片说明"), max_length=200, blank=True)
    credit = models.CharField(
        _("摄影"), max_length=60, blank=True, help_text=_("如：本报记者 某某 摄")
    )
    column = models.PositiveSmallIntegerField(
        _("起始栏"), default=1, help_text=_("从左数，第1栏起")
    )
    span = models.PositiveSmallIntegerField(_("栏数"), default=6)
    top_mm = models.DecimalField(_("距版心顶（毫米）"), max_digits=6, decimal_places=1, default=0)
    height_mm = models.DecimalField(_("高度（毫米）"), max_digits=6, decimal_places=1, default=100)
    body_columns = models.PositiveSmallIntegerField(
        _("正文栏数"), default=0, help_text=_("0 表示与版位栏数相同")
    )

    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("story"), FieldPanel("ad")]),
        FieldRowPanel([FieldPanel("image"), FieldPanel("caption"), FieldPanel("credit")]),
        FieldRowPanel(
            [
                FieldPanel("column"),
                FieldPanel("span"),
                FieldPanel("top_mm"),
                FieldPanel("height_mm"),
                FieldPanel("body_columns"),
            ]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("版位")
        verbose_name_plural = _("版位")

    def __str__(self) -> str:
        return f"{self.page} {self.key or self.get_kind_display()}"


# --- 三校: proof rounds on a printed page ---------------------------------------------------


class ProofRoundNumber(models.IntegerChoices):
    FIRST = 1, _("一校")
    SECOND = 2, _("二校")
    THIRD = 3, _("三校")


class ProofRound(models.Model):
    """One proofreading of a printed page's proof (一校, 二校, 三校), with its marked corrections."""

    page = models.ForeignKey(
        PrintedPage,
        verbose_name=_("版面"),
        on_delete=models.CASCADE,
        related_name="proof_rounds",
    )
    number = models.PositiveSmallIntegerField(_("校次"), choices=ProofRoundNumber.choices)
    proofreader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("校对"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proofreader_name = models.CharField(_("校对姓名"), max_length=150)
    corrections = models.TextField(
        _("校改内容"), blank=True, help_text=_("每行一处：原文 → 改为（位置）")
    )
    finished_at = models.DateTimeField(_("完成时间"), default=timezone.now)

    class Meta:
        verbose_name = _("校次")
        verbose_name_plural = _("校次")
        ordering = ["page", "number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="proofround_unique_page_number")
        ]

    def __str__(self) -> str:
        return f"{self.page} {self.get_number_display()}"


class PrintRelease(models.Model):
    """A page sent to print (付印): allowed only after 终审 of its stories and 三校."""

    page = models.OneToOneField(
        PrintedPage,
        verbose_name=_("版面"),
        on_delete=models.CASCADE,
        related_name="print_release",
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    released_at = models.DateTimeField(_("付印时间"), default=timezone.now)

    class Meta:
        verbose_name = _("付印")
        verbose_name_plural = _("付印")

    def __str__(self) -> str:
        return f"{self.page} {self.released_at:%Y-%m-%d %H:%M}"
