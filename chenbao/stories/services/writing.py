"""Sections, contributors and stories written: drafts, and what was already printed."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page

from chenbao.core.services import audit_record
from chenbao.site.models import HomePage
from chenbao.stories.models import Contributor, SectionPage, StoryByline, StoryPage

# Slugs of the usual sections, so their URLs read well without pinyin tools.
SECTION_SLUGS = {
    "要闻": "yaowen",
    "本地": "bendi",
    "社会": "shehui",
    "民生": "minsheng",
    "经济": "jingji",
    "文体": "wenti",
    "国内": "guonei",
    "国际": "guoji",
    "评论": "pinglun",
    "副刊": "fukan",
}


@dataclass(frozen=True)
class BylineData:
    role: str
    name: str
    organisation: str = ""


@dataclass(frozen=True)
class StoryData:
    """What a story is made of, independent of where it came from."""

    headline: str
    kicker: str = ""
    subtitle: str = ""
    dateline: str = ""
    body: tuple[tuple[str, object], ...] = ()
    bylines: tuple[BylineData, ...] = ()
    source_note: str = ""


def home_page_get() -> HomePage:
    """Return the site's home page, creating it (and pointing the default site at it)."""
    from wagtail.models import Site

    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's initial migration leaves a placeholder welcome page; ours replaces it.
        for child in root.get_children():
            if child.specific_class is Page:
                child.delete()
        home = root.add_child(instance=HomePage(title="首页", slug="home"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


@transaction.atomic
def section_get_or_create(*, name: str) -> SectionPage:
    """Return the section called `name`, creating it under the home page."""
    section = SectionPage.objects.filter(title=name).first()
    if section is None:
        slug = SECTION_SLUGS.get(name) or slugify(name, allow_unicode=True) or "section"
        section = home_page_get().add_child(instance=SectionPage(title=name, slug=slug))
        section.save_revision().publish()
    return section


def contributor_get_or_create(
    *, name: str, organisation: str = "", role: str = "记者"
) -> Contributor:
    """Return the contributor with this name and organisation, creating them if new."""
    contributor, _ = Contributor.objects.get_or_create(
        name=name, organisation=organisation, defaults={"default_role": role}
    )
    return contributor


@transaction.atomic
def story_save_published(
    *, section: SectionPage, slug: str, data: StoryData, user=None
) -> StoryPage:
    """Create or update the story at `slug` in `section` and publish it as given.

    Used for content that was already printed (archive import), which has no review
    to pass: the documented exception to 三审. Updating keeps the story's URL and adds a
    revision.
    """
    story = StoryPage.objects.child_of(section).filter(slug=slug).first()
    if story is None:
        story = StoryPage(slug=slug, title=data.headline)
        _story_fill(story, data)
        section.add_child(instance=story)
    else:
        _story_fill(story, data)
    revision = story.save_revision(user=user, log_action=True)
    if not story.is_withdrawn:
        # A withdrawn story stays withdrawn when its page is imported again.
        revision.publish(user=user)
    from chenbao.figures.services import story_figures_extract

    story_figures_extract(story=story)  # 数说与承诺: the figures it prints
    return StoryPage.objects.get(pk=story.pk)


@transaction.atomic
def story_delete(*, story: StoryPage, user=None) -> None:
    """Delete a story and its revisions (an imported story its page no longer has)."""
    audit_record(actor=user, action="story.delete", obj=story, detail={"title": story.title})
    story.delete()


def _story_fill(story: StoryPage, data: StoryData) -> None:
    story.title = data.headline
    story.kicker = data.kicker
    story.subtitle = data.subtitle
    story.dateline = data.dateline
    story.body = list(data.body)
    story.source_note = data.source_note
    story.bylines = [
        StoryByline(
            contributor=contributor_get_or_create(
                name=b.name, organisation=b.organisation, role=b.role
            ),
            role=b.role,
            organisation=b.organisation,
            sort_order=i,
        )
        for i, b in enumerate(data.bylines)
    ]


@transaction.atomic
def story_create_draft(
    *, section: SectionPage, data: StoryData, user, slug: str = "", go_live_at=None
) -> StoryPage:
    """Create an unpublished story (a reporter's draft) owned by `user`."""
    story = StoryPage(
        slug=slug or _free_slug(section, data.headline),
        title=data.headline,
        live=False,
        owner=user,
        go_live_at=go_live_at,
    )
    _story_fill(story, data)
    section.add_child(instance=story)
    story.save_revision(user=user, log_action=True)
    return StoryPage.objects.get(pk=story.pk)


@transaction.atomic
def story_update_draft(*, story: StoryPage, data: StoryData, user) -> StoryPage:
    """Save `data` as the story's newest revision; the live version is untouched."""
    story = story.get_latest_revision_as_object()
    _story_fill(story, data)
    story.save_revision(user=user, log_action=True)
    return StoryPage.objects.get(pk=story.pk)


def _free_slug(section: SectionPage, headline: str) -> str:
    base = slugify(headline, allow_unicode=True)[:40] or "story"
    slug, n = base, 1
    while Page.objects.child_of(section).filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
