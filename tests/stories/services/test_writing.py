"""Writing stories: sections, contributors, drafts, and stories already printed."""

from wagtail.models import Site

from chenbao.core.models import AuditEntry
from chenbao.site.models import HomePage
from chenbao.stories import services
from chenbao.stories.models import Contributor, SectionPage, StoryPage


def test_archive_import_publishes_without_review_but_respects_a_withdrawal(reference_page, desk):
    """The archive exception: printed stories are published as imported, with no review."""
    from chenbao.archive.importer import page_import
    from chenbao.archive.pagetext import parse_page
    from chenbao.archive.reference import REFERENCE_DATE, REFERENCE_PAGE
    from chenbao.stories.models import StoryPage

    story = reference_page.story_placements.first().story
    assert story.live and not story.review_slip.exists()
    services.story_withdraw(story=story, user=desk["chief"], reason="版权方要求撤下")
    page_import(
        page=parse_page(REFERENCE_PAGE.read_text(encoding="utf-8")),
        date=REFERENCE_DATE,
        number="A02",
        name="要闻",
    )
    assert not StoryPage.objects.get(pk=story.pk).live
    others = StoryPage.objects.exclude(pk=story.pk).filter(placements__page__number="A02")
    assert others and all(s.live for s in others)


def test_the_home_page_is_made_once_and_is_the_default_sites_root(db):
    home = services.home_page_get()
    assert services.home_page_get() == home
    assert HomePage.objects.count() == 1
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk


def test_usual_sections_get_readable_slugs_and_others_a_unicode_one(db):
    assert services.section_get_or_create(name="要闻").slug == "yaowen"
    assert services.section_get_or_create(name="科教").slug == "科教"
    again = services.section_get_or_create(name="要闻")
    assert SectionPage.objects.filter(title="要闻").count() == 1 and again.live


def test_a_contributor_is_one_person_per_name_and_organisation(db):
    a = services.contributor_get_or_create(name="任灵芝", organisation="大众日报", role="特约记者")
    assert services.contributor_get_or_create(name="任灵芝", organisation="大众日报") == a
    assert a.default_role == "特约记者"
    other = services.contributor_get_or_create(name="任灵芝")
    assert other != a and Contributor.objects.count() == 2


def test_a_draft_belongs_to_its_writer_and_is_not_live(section, desk, story_data):
    draft = services.story_create_draft(section=section, data=story_data, user=desk["reporter"])
    assert not draft.live and draft.owner == desk["reporter"]
    assert draft.title == "淄博今年新建改扩建幼儿园42所" and draft.kicker == story_data.kicker
    assert [(b.role, b.contributor.name) for b in draft.bylines.all()] == [
        ("记者", "任灵芝"),
        ("特约记者", "姜东林"),
    ]
    assert [b.block_type for b in draft.body] == ["paragraph", "subhead", "paragraph"]
    assert draft.latest_revision is not None


def test_two_drafts_with_one_headline_get_different_slugs(section, desk, story_data):
    first = services.story_create_draft(section=section, data=story_data, user=desk["reporter"])
    second = services.story_create_draft(section=section, data=story_data, user=desk["reporter"])
    assert second.slug == f"{first.slug}-2"


def test_updating_a_published_story_leaves_the_live_text_alone(published, desk):
    services.story_update_draft(
        story=published, data=services.StoryData(headline="新标题"), user=desk["reporter"]
    )
    story = StoryPage.objects.get(pk=published.pk)
    assert story.title == "淄博今年新建改扩建幼儿园42所" and story.has_unpublished_changes
    assert story.get_latest_revision_as_object().title == "新标题"


def test_saving_a_printed_story_again_keeps_its_url(section):
    data = services.StoryData(headline="旧标题", body=(("paragraph", "正文"),))
    first = services.story_save_published(section=section, slug="2022-12-02-a02-1", data=data)
    again = services.story_save_published(
        section=section, slug="2022-12-02-a02-1", data=services.StoryData(headline="新标题")
    )
    assert again.pk == first.pk and again.url == first.url
    assert again.live and again.title == "新标题" and list(again.body) == []
    assert again.revisions.count() == 2


def test_deleting_a_story_is_audited(published, desk):
    services.story_delete(story=published, user=desk["chief"])
    assert not StoryPage.objects.filter(pk=published.pk).exists()
    entry = AuditEntry.objects.get(action="story.delete")
    assert entry.actor == desk["chief"] and entry.detail == {"title": published.title}
