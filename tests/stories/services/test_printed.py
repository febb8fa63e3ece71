"""Stories already printed, stored many at a time (the archive's bulk import)."""

import datetime as dt

from django.utils import timezone

from chenbao.stories import services
from chenbao.stories.models import Contributor, StoryByline, StoryPage
from chenbao.stories.services.printed import PrintedStory, stories_store_printed, stream_json

AT = timezone.make_aware(dt.datetime(2022, 12, 2, 5, 0))


def printed(slug, headline, *bylines, body=(("paragraph", "正文"),)):
    return PrintedStory(
        slug=slug,
        data=services.StoryData(
            headline=headline,
            dateline="淄博讯",
            body=body,
            bylines=tuple(
                services.BylineData(role=r, name=n, organisation=o) for r, n, o in bylines
            ),
            source_note="由旧版数字报文本导入",
        ),
        published_at=AT,
    )


def test_nothing_to_store_stores_nothing(section):
    assert stories_store_printed(section=section, stories=[]) == []


def test_printed_stories_are_added_live_under_the_section_in_order(section):
    ids = stories_store_printed(
        section=section,
        stories=[
            printed("s-1", "第一篇", ("记者", "任灵芝", "大众日报")),
            printed("s-2", "第二篇", ("记者", "任灵芝", "大众日报"), ("通讯员", "姜东林", "")),
        ],
    )
    section.refresh_from_db()
    stories = [StoryPage.objects.get(pk=pk) for pk in ids]
    assert [s.title for s in stories] == ["第一篇", "第二篇"]
    assert list(section.get_children().specific()) == stories
    assert section.numchild == 2
    for story in stories:
        assert story.live and story.first_published_at == AT
        assert story.url_path == f"{section.url_path}{story.slug}/"
        assert story.source_note == "由旧版数字报文本导入"
        assert [b.value for b in story.body] == ["正文"]
        assert story.revisions.count() == 0  # no revision is written on purpose
    assert stories[1].byline_text() == "大众日报记者 任灵芝 通讯员 姜东林"
    assert Contributor.objects.filter(name="任灵芝").count() == 1


def test_storing_again_updates_in_place_and_replaces_the_bylines(section):
    (pk,) = stories_store_printed(
        section=section, stories=[printed("s-1", "旧标题", ("记者", "任灵芝", ""))]
    )
    url = StoryPage.objects.get(pk=pk).url
    (again,) = stories_store_printed(
        section=section, stories=[printed("s-1", "新标题", ("摄影", "王磊", ""))]
    )
    story = StoryPage.objects.get(pk=again)
    assert again == pk and story.url == url
    assert story.title == story.draft_title == "新标题"
    assert [(b.role, b.contributor.name) for b in StoryByline.objects.filter(story=story)] == [
        ("摄影", "王磊")
    ]
    assert StoryPage.objects.count() == 1


def test_new_stories_follow_the_existing_ones_of_the_section(section, published):
    (pk,) = stories_store_printed(section=section, stories=[printed("s-9", "后来的")])
    children = list(section.get_children().values_list("pk", flat=True))
    assert children == [published.pk, pk]
    # The tree stays consistent for Wagtail's own page API.
    later = services.story_create_draft(
        section=section, data=services.StoryData(headline="再后来"), user=published.owner
    )
    assert list(section.get_children().values_list("pk", flat=True)) == [published.pk, pk, later.pk]


def test_a_withdrawn_story_stays_withdrawn_when_stored_again(section, desk):
    (pk,) = stories_store_printed(section=section, stories=[printed("s-1", "标题")])
    services.story_withdraw(story=StoryPage.objects.get(pk=pk), user=desk["chief"], reason="撤")
    stories_store_printed(section=section, stories=[printed("s-1", "标题改")])
    story = StoryPage.objects.get(pk=pk)
    assert not story.live and story.title == "标题改"


def test_a_body_is_stored_as_stream_blocks_with_ids():
    blocks = stream_json([("paragraph", "一"), ("subhead", "二")])
    assert [(b["type"], b["value"]) for b in blocks] == [("paragraph", "一"), ("subhead", "二")]
    assert len({b["id"] for b in blocks}) == 2
