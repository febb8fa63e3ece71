from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Revision, Task, TaskState, WorkflowState
from wagtail.search import index

from chenbao.core.blocks import StoryBodyBlock
from chenbao.stories.panels import ReviewAidsPanel

BYLINE_ROLES = [
    ("记者", _("记者")),
    ("特约记者", _("特约记者")),
    ("见习记者", _("见习记者")),
    ("通讯员", _("通讯员")),
    ("实习生", _("实习生")),
    ("摄影", _("摄影")),
    ("编辑", _("编辑")),
    ("编译", _("编译")),
]


class Contributor(index.Indexed, models.Model):
    """A person whose name can appear in a byline (记者, 通讯员 …)."""

    name = models.CharField(_("姓名"), max_length=40)
    organisation = models.CharField(_("单位"), max_length=80, blank=True)
    default_role = models.CharField(
        _("常用身份"), max_length=20, choices=BYLINE_ROLES, default="记者"
    )

    panels = [FieldPanel("name"), FieldPanel("organisation"), FieldPanel("default_role")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("作者")
        verbose_name_plural = _("作者")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "organisation"], name="contributor_unique_name_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.organisation}）" if self.organisation else self.name


class SectionPage(Page):
    """A section of the paper (栏目, e.g. 要闻): the parent of its stories."""

    intro = models.CharField(_("简介"), max_length=200, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["site.HomePage"]
    subpage_types = ["stories.StoryPage"]

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")


class StoryPage(Page):
    """A story (稿件): kicker 引题, headline 主题 (the page title), subtitle 副题, dateline, body."""

    kicker = models.CharField(_("引题"), max_length=200, blank=True)
    subtitle = models.CharField(_("副题"), max_length=200, blank=True)
    dateline = models.CharField(
        _("电头"), max_length=60, blank=True, help_text=_("如：淄博12月1日讯")
    )
    body = StreamField(StoryBodyBlock(), verbose_name=_("正文"), blank=True)
    source_note = models.CharField(
        _("来源说明"), max_length=200, blank=True, help_text=_("如：由旧版数字报文本导入")
    )

    content_panels = [
        ReviewAidsPanel(heading=_("审稿提示")),
        MultiFieldPanel(
            [FieldPanel("kicker"), FieldPanel("title"), FieldPanel("subtitle")],
            heading=_("标题"),
        ),
        FieldRowPanel([FieldPanel("dateline")]),
        InlinePanel("bylines", label=_("署名")),
        FieldPanel("body"),
        FieldPanel("source_note"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("kicker"),
        index.SearchField("subtitle"),
        index.SearchField("body"),
    ]
    parent_page_types = ["stories.SectionPage"]
    subpage_types: list[str] = []

    def get_context(self, request, *args, **kwargs):
        from chenbao.stories.selectors import story_printed_nav

        context = super().get_context(request, *args, **kwargs)
        context["printed"] = story_printed_nav(self)
        return context

    class Meta:
        verbose_name = _("稿件")
        verbose_name_plural = _("稿件")

    @property
    def headline(self) -> str:
        return self.title

    @property
    def is_withdrawn(self) -> bool:
        """True once the story has been withdrawn (撤稿)."""
        return StoryWithdrawal.objects.filter(story_id=self.pk).exists()

    def content_signature(self) -> tuple:
        """Return what readers see of this version (not ids or timestamps), for comparing."""
        return (
            self.title,
            self.kicker,
            self.subtitle,
            self.dateline,
            self.source_note,
            tuple((block.block_type, str(block.value)) for block in self.body),
            tuple((b.contributor_id, b.role, b.organisation) for b in self.bylines.all()),
        )

    def byline_groups(self) -> list[tuple[str, str, list[str]]]:
        """Return bylines grouped as printed: (organisation, role, [names]) in order."""
        groups: list[tuple[str, str, list[str]]] = []
        for byline in self.bylines.select_related("contributor"):
            key = (byline.organisation, byline.role)
            if groups and groups[-1][:2] == key:
                groups[-1][2].append(byline.contributor.name)
            else:
                groups.append((*key, [byline.contributor.name]))
        return groups

    def byline_text(self) -> str:
        """Return the bylines as printed: 单位记者 甲 特约记者 乙 丙 (the organisation once)."""
        parts: list[str] = []
        previous_org = None
        for organisation, role, names in self.byline_groups():
            prefix = organisation if organisation != previous_org else ""
            parts.append(f"{prefix}{role} {' '.join(names)}")
            previous_org = organisation
        return " ".join(parts)


# models.Model is Orderable's base already; naming it lets mypy's django-stubs plugin see a
# model (wagtail is untyped) and type Contributor.bylines.
class StoryByline(Orderable, models.Model):
    """One person's name on a story, with the role it was printed with."""

    story = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="bylines")
    contributor = models.ForeignKey(
        Contributor, verbose_name=_("作者"), on_delete=models.PROTECT, related_name="bylines"
    )
    role = models.CharField(_("身份"), max_length=20, choices=BYLINE_ROLES, default="记者")
    organisation = models.CharField(_("单位"), max_length=80, blank=True)

    panels = [FieldPanel("contributor"), FieldPanel("role"), FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("署名")
        verbose_name_plural = _("署名")

    def __str__(self) -> str:
        return f"{self.role} {self.contributor.name}"


# --- 三审: the review workflow -------------------------------------------------------------


class ReviewLevel(models.IntegerChoices):
    FIRST = 1, _("初审")
    SECOND = 2, _("复审")
    FINAL = 3, _("终审")


class ReviewTask(Task):
    """One level of 三审, reviewed by members of the chosen groups.

    The rules that keep the three reviews independent live in `chenbao.stories.review`
    and are enforced here, in the task, for the admin and for any other caller: the
    author never reviews their own story, and a person who has decided at one level may
    not decide at another.
    """

    level: int = 0

    groups = models.ManyToManyField(
        Group,
        verbose_name=_("审稿组"),
        related_name="+",
        help_text=_("这些用户组的成员可以在这一级审稿"),
    )

    admin_form_fields = [*Task.admin_form_fields, "groups"]
    admin_form_widgets = {"groups": forms.CheckboxSelectMultiple}

    class Meta:
        abstract = True

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        from chenbao.stories import services

        services.review_task_started(task_state=task_state, task=self, user=user)
        return task_state

    def user_can_access_editor(self, obj, user):
        from chenbao.stories import review

        return review.user_may_review(task=self, story=obj, user=user)

    def locked_for_user(self, obj, user):
        from chenbao.stories import review

        return not review.user_may_review(task=self, story=obj, user=user)

    def user_can_lock(self, obj, user):
        from chenbao.stories import review

        return review.user_may_review(task=self, story=obj, user=user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        from chenbao.stories import review

        if not review.user_may_review(task=self, story=obj, user=user):
            return []
        return [
            ("reject", _("退回修改"), True),
            ("approve", _("通过"), False),
            ("approve", _("通过并签署意见"), True),
        ]

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        from chenbao.stories import services

        services.review_decide(
            task=self,
            task_state=task_state,
            user=user,
            action=action_name,
            opinion=kwargs.get("comment", ""),
        )

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from chenbao.stories import review

        return review.task_states_for_reviewer(task=self, user=user)

    @classmethod
    def get_description(cls):
        return _("三审中的一级：所选用户组的成员审稿，作者本人和已在其他级别审过此稿的人不能审")


class FirstReviewTask(ReviewTask):
    """初审: the responsible editor's review."""

    level = ReviewLevel.FIRST

    class Meta:
        verbose_name = _("初审")
        verbose_name_plural = _("初审")


class SecondReviewTask(ReviewTask):
    """复审: the department head's review."""

    level = ReviewLevel.SECOND

    class Meta:
        verbose_name = _("复审")
        verbose_name_plural = _("复审")


class FinalReviewTask(ReviewTask):
    """终审: the chief or duty chief editor's review; passing it publishes the story."""

    level = ReviewLevel.FINAL

    class Meta:
        verbose_name = _("终审")
        verbose_name_plural = _("终审")


class ReviewDecision(models.TextChoices):
    PASS = "pass", _("通过")
    RETURN = "return", _("退回修改")


class ReviewSlipEntry(models.Model):
    """One line of a story's review slip (审稿单): who decided what, at which level, and why.

    Entries are written by the workflow tasks and never changed; the slip outlives the
    Wagtail task states it was written from.
    """

    story = models.ForeignKey(
        StoryPage, verbose_name=_("稿件"), on_delete=models.CASCADE, related_name="review_slip"
    )
    level = models.PositiveSmallIntegerField(_("审级"), choices=ReviewLevel.choices)
    decision = models.CharField(_("审稿结论"), max_length=10, choices=ReviewDecision.choices)
    opinion = models.TextField(_("审稿意见"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审稿人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewer_name = models.CharField(_("审稿人姓名"), max_length=150)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    workflow_state = models.ForeignKey(
        WorkflowState, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("审稿单记录")
        verbose_name_plural = _("审稿单记录")
        ordering = ["story", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.reviewer_name} {self.get_decision_display()}"


class StoryNotice(models.Model):
    """A message to one newsroom user about a story (shown on their admin dashboard)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("收件人"),
        on_delete=models.CASCADE,
        related_name="story_notices",
    )
    story = models.ForeignKey(
        StoryPage, verbose_name=_("稿件"), on_delete=models.CASCADE, related_name="notices"
    )
    message = models.CharField(_("内容"), max_length=300)
    # The review step this notice asks for; once it is decided the notice is settled.
    task_state = models.ForeignKey(
        TaskState, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("稿件通知")
        verbose_name_plural = _("稿件通知")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.message


# --- After publication: corrections and withdrawals -------------------------------------------


class StoryCorrection(models.Model):
    """A correction (更正) published with a story, shown to readers under it."""

    story = models.ForeignKey(
        StoryPage, verbose_name=_("稿件"), on_delete=models.CASCADE, related_name="corrections"
    )
    note = models.TextField(_("更正说明"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("更正时间"), default=timezone.now)

    class Meta:
        verbose_name = _("更正")
        verbose_name_plural = _("更正")
        ordering = ["story", "created_at", "id"]

    def __str__(self) -> str:
        return self.note[:40]


class StoryWithdrawal(models.Model):
    """A withdrawal (撤稿): the story is off the site and feeds but kept, with the reason."""

    story = models.OneToOneField(
        StoryPage, verbose_name=_("稿件"), on_delete=models.CASCADE, related_name="withdrawal"
    )
    reason = models.TextField(_("撤稿原因"))
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤稿人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("撤稿时间"), default=timezone.now)

    class Meta:
        verbose_name = _("撤稿")
        verbose_name_plural = _("撤稿")

    def __str__(self) -> str:
        return f"{self.story} — {self.reason[:40]}"
