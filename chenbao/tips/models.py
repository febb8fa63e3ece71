"""The tip-line (爆料): tips, the tipster's contact (encrypted, kept apart), chat, files.

No IP address, browser or device is stored with a tip. Read tips through
`selectors.access_tip`; write them through `services`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chenbao.core.fields import story_link


class TipStatus(models.TextChoices):
    NEW = "new", _("新爆料")
    TRIAGED = "triaged", _("已初筛")
    ASSIGNED = "assigned", _("已派记者")
    VERIFYING = "verifying", _("核实中")
    USED = "used", _("已采用")
    NOT_USED = "not_used", _("未采用")
    DUPLICATE = "duplicate", _("重复")
    SPAM = "spam", _("垃圾信息")


# Which status may follow which (the desk's workflow).
TRANSITIONS: dict[str, set[str]] = {
    "new": {"triaged", "assigned", "duplicate", "spam"},
    "triaged": {"assigned", "verifying", "not_used", "duplicate", "spam"},
    "assigned": {"verifying", "triaged", "not_used", "duplicate"},
    "verifying": {"used", "not_used", "duplicate", "assigned"},
    "used": {"verifying"},
    "not_used": {"triaged"},
    "duplicate": {"triaged"},
    "spam": {"triaged"},
}
# Statuses the reader may see, in plain words.
READER_STATUS = {
    "new": _("已收到，等待编辑查看"),
    "triaged": _("编辑已查看"),
    "assigned": _("已安排记者跟进"),
    "verifying": _("记者正在核实"),
    "used": _("已采用，感谢您的爆料"),
    "not_used": _("暂未采用"),
    "duplicate": _("已有读者报过此事"),
    "spam": _("暂未采用"),
}


class TipChannel(models.TextChoices):
    WEB = "web", _("网页/扫码")
    HOTLINE = "hotline", _("新闻热线")
    GROUP = "group", _("爆料群")


class TipGroup(models.Model):
    """Tips about one event (同一事件). Every tip is in exactly one group; rewards go per group."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    confirmed = models.BooleanField(_("编辑已确认"), default=False)

    class Meta:
        verbose_name = _("爆料分组")
        verbose_name_plural = _("爆料分组")

    def __str__(self) -> str:
        return f"#{self.pk}"


class Tip(models.Model):
    """One reader's tip (爆料)."""

    text = models.TextField(_("内容"))
    status = models.CharField(
        _("状态"), max_length=16, choices=TipStatus.choices, default=TipStatus.NEW
    )
    channel = models.CharField(_("来源"), max_length=16, choices=TipChannel.choices, default="web")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("跟进记者"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tips",
    )
    story = story_link(_("见报稿件"), related_name="tips")
    group = models.ForeignKey(
        TipGroup, verbose_name=_("分组"), on_delete=models.PROTECT, related_name="tips"
    )
    # Indexed by tip_inbox_newest and tip_inbox_status (Meta), as the status is: one index
    # fewer of each to update on every submission (decision 0018).
    created_at = models.DateTimeField(_("收到时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("最后更新"), auto_now=True)
    # The receipt: a short keyed index for lookup and an argon2id hash (never the code).
    receipt_index = models.CharField(max_length=8, db_index=True, editable=False)
    receipt_hash = models.CharField(max_length=200, editable=False)
    minhash = models.JSONField(default=list, editable=False)
    # The signature's LSH band keys (lsh.keys_bytes), from which every process builds its
    # near-duplicate index (services.grouping._RecentSignatures); empty: computed from `minhash`.
    lsh_keys = models.BinaryField(default=b"", editable=False)
    complete = models.BooleanField(_("信息完整"), default=False)
    # The desk had the last word in the chat (a reply newer than anything the tipster sent
    # since); kept by services.tip_reply and tip_message_add, so the inbox and dashboard
    # filter "awaiting an answer" on a column, not on a subquery per tip.
    answered = models.BooleanField(_("已回复"), default=False, editable=False)

    class Meta:
        verbose_name = _("爆料")
        verbose_name_plural = _("爆料")
        ordering = ["-created_at", "-id"]
        # The inbox reads a page of the newest tips, all or of one status or channel, with
        # 50,000 tips held after a burst (docs/decisions/0018-tip-lsh-bands.md).
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="tip_inbox_newest"),
            models.Index(fields=["status", "-created_at", "-id"], name="tip_inbox_status"),
            models.Index(fields=["channel", "-created_at", "-id"], name="tip_inbox_channel"),
            models.Index(fields=["answered", "status"], name="tip_awaiting"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[c.value for c in TipStatus]),
                name="tip_status_valid",
            )
        ]

    def __str__(self) -> str:
        return f"爆料 #{self.pk}"

    def allowed_next(self) -> set[str]:
        return TRANSITIONS.get(self.status, set())

    @property
    def reader_status(self) -> str:
        return str(READER_STATUS[self.status])


class TipContact(models.Model):
    """How to reach the tipster, for the reward: encrypted, one row apart from the tip."""

    tip = models.OneToOneField(Tip, on_delete=models.CASCADE, related_name="contact")
    phone_enc = models.TextField(blank=True)
    wechat_enc = models.TextField(blank=True)
    name_enc = models.TextField(blank=True)

    class Meta:
        verbose_name = _("爆料人联系方式")
        verbose_name_plural = _("爆料人联系方式")

    def __str__(self) -> str:
        return f"爆料 #{self.tip_id} 联系方式"  # never the contact itself


class TipMessage(models.Model):
    """One chat message between the tipster and the desk."""

    class Sender(models.TextChoices):
        TIPSTER = "tipster", _("爆料人")
        DESK = "desk", _("编辑部")

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(max_length=8, choices=Sender.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["tip", "sender"], name="tipmessage_tip_sender")]

    def __str__(self) -> str:
        return f"{self.get_sender_display()} {self.at:%m-%d %H:%M}"


class TipNote(models.Model):
    """An internal note on a tip: never shown to the tipster."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"备注 #{self.pk}"


class TipFile(models.Model):
    """A photo or video the tipster sent, cleaned, under a random name in private storage."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=8)
    name = models.CharField(max_length=80, unique=True)  # random, e.g. 2026/11/3f…9a.jpg
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.name


class RateBucket(models.Model):
    """A token bucket of the tip-line's limits (ratelimit.py): spent atomically, in one UPDATE.

    `key` names the limit and a keyed hash of the client (never an address); a row whose
    bucket has refilled (`expires`) means the same as no row and is deleted in passing.
    """

    key = models.CharField(max_length=80, primary_key=True)
    tokens = models.FloatField()
    at = models.FloatField()  # Unix time of the last change
    expires = models.FloatField(db_index=True)

    def __str__(self) -> str:
        return self.key
