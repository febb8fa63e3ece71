"""Figures the paper printed, the indicators they measure, and the pledges they are held to."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chenbao.figures import status as pledge_status

KIND_CHOICES = [
    ("figure", _("数据")),
    ("target", _("目标")),
    ("ranking", _("排名")),
    ("change", _("增减")),
]


class Indicator(models.Model):
    """A series the paper reports again and again: 城镇新增就业 in 淄博, in 人."""

    name = models.CharField(_("指标"), max_length=120)
    place = models.CharField(_("地方"), max_length=60)
    unit = models.CharField(_("单位"), max_length=20)
    slug = models.SlugField(_("网址名"), max_length=80, unique=True, allow_unicode=True)
    description = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        constraints = [
            models.UniqueConstraint(fields=["name", "place", "unit"], name="indicator_unique")
        ]

    def __str__(self) -> str:
        return f"{self.place}·{self.name}（{self.unit}）"


class FigureState(models.TextChoices):
    SUGGESTED = "suggested", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    REJECTED = "rejected", _("不是数据")


class StoryFigure(models.Model):
    """One figure a story printed, as extracted, and as the desk confirmed or corrected it."""

    story = models.ForeignKey("stories.StoryPage", on_delete=models.CASCADE, related_name="figures")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(_("原文"), max_length=80)
    value = models.DecimalField(_("数值"), max_digits=24, decimal_places=4)
    upper = models.DecimalField(max_digits=24, decimal_places=4, null=True, blank=True)
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    qualifier = models.CharField(_("限定"), max_length=10, blank=True)
    phrase = models.CharField(_("指标短语"), max_length=80, blank=True)
    place = models.CharField(_("地方"), max_length=60, blank=True)
    period = models.CharField(_("时间"), max_length=40, blank=True)
    kind = models.CharField(_("类型"), max_length=10, choices=KIND_CHOICES)
    cumulative = models.BooleanField(default=False)
    indicator = models.ForeignKey(
        Indicator, on_delete=models.SET_NULL, null=True, blank=True, related_name="figures"
    )
    state = models.CharField(max_length=10, choices=FigureState, default=FigureState.SUGGESTED)
    extracted = models.JSONField(_("抽取结果"), default=dict)  # kept to measure the extractor
    corrected = models.BooleanField(_("已更正"), default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("报道数据")
        verbose_name_plural = _("报道数据")
        ordering = ["story_id", "start"]
        indexes = [models.Index(fields=["indicator", "state"])]

    def __str__(self) -> str:
        return self.text


class Pledge(models.Model):
    """A target with an owner, a place and a deadline (承诺), tracked to its end."""

    title = models.CharField(_("承诺"), max_length=200)
    owner = models.CharField(_("责任单位"), max_length=100)
    place = models.CharField(_("地方"), max_length=60)
    deadline = models.DateField(_("期限"), null=True, blank=True)
    target_value = models.DecimalField(
        _("承诺数值"), max_digits=24, decimal_places=4, null=True, blank=True
    )
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    indicator = models.ForeignKey(
        Indicator, on_delete=models.SET_NULL, null=True, blank=True, related_name="pledges"
    )
    source_figure = models.ForeignKey(
        StoryFigure, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(_("来源"), max_length=200, blank=True)  # e.g. 2023年十大民生实事
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=list(pledge_status.STATUS_LABELS.items()),
        default=pledge_status.NOT_RATED,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("承诺")
        verbose_name_plural = _("承诺")
        ordering = ["place", "owner", "deadline", "pk"]

    def __str__(self) -> str:
        return self.title


class PledgeEvent(models.Model):
    """A change of a pledge's status, with the evidence cited (the pledge's timeline)."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=12, choices=list(pledge_status.STATUS_LABELS.items()))
    note = models.TextField(_("依据"), blank=True)
    evidence = models.ForeignKey(
        StoryFigure, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("承诺进展")
        verbose_name_plural = _("承诺进展")
        ordering = ["pledge_id", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.pledge_id}: {self.status}"
