from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from chenbao.core.blocks import StoryBodyBlock

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

    class Meta:
        verbose_name = _("稿件")
        verbose_name_plural = _("稿件")

    @property
    def headline(self) -> str:
        return self.title

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


class StoryByline(Orderable):
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
