"""Reads of stories: live lists, exports, the review slip, notices, where a story was printed."""

import json

from django.contrib.auth.models import AnonymousUser

from chenbao.core.roles import AD_DESK, EDITOR
from chenbao.editions.storage import publish_dir
from chenbao.stories import selectors, services
from chenbao.stories.models import StoryNotice, StoryPage


def test_a_withdrawn_story_is_never_found_by_readers(published, desk):
    assert list(selectors.story_live_list()) == [published]
    withdrawal = services.story_withdraw(story=published, user=desk["chief"], reason="事实有误")
    assert list(selectors.story_live_list()) == []
    assert selectors.story_for_export(pk=published.pk) == (None, withdrawal)


def test_live_stories_come_newest_first_and_by_section(published, desk, story_data, pass_review):
    elsewhere = services.section_get_or_create(name="要闻")
    later = pass_review(
        services.story_create_draft(section=elsewhere, data=story_data, user=desk["reporter"])
    )
    assert list(selectors.story_live_list()) == [later, published]
    assert list(selectors.story_live_list(section=elsewhere)) == [later]
    assert list(selectors.story_live_list(section=published.get_parent())) == [published]


def test_a_draft_is_neither_live_nor_withdrawn_for_export(draft):
    assert selectors.story_for_export(pk=draft.pk) == (None, None)
    assert selectors.story_for_export(pk=999999) == (None, None)


def test_a_published_story_is_exported_as_itself(published):
    story, withdrawal = selectors.story_for_export(pk=published.pk)
    assert story == published and withdrawal is None


def test_sections_are_found_by_slug_only_while_live(section):
    assert selectors.section_by_slug(slug=section.slug) == section
    assert selectors.section_by_slug(slug="nosuch") is None
    section.unpublish()
    assert selectors.section_by_slug(slug=section.slug) is None


def test_the_review_slip_lists_every_decision_oldest_first(draft, desk):
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    services.story_review(story=draft, user=desk["editor"], action="approve", opinion="一")
    services.story_review(story=draft, user=desk["head"], action="reject", opinion="二")
    slip = selectors.review_slip(story=draft)
    assert [(e.level, e.decision, e.opinion) for e in slip] == [
        (1, "pass", "一"),
        (2, "return", "二"),
    ]


def test_only_the_text_that_passed_final_review_counts_as_passed(draft, desk, pass_review):
    assert not selectors.story_passed_final_review(story=draft)
    story = pass_review(draft)
    assert selectors.story_passed_final_review(story=story)
    edited = services.story_update_draft(
        story=story, data=services.StoryData(headline="改过的标题"), user=desk["reporter"]
    )
    assert not selectors.story_passed_final_review(story=edited)


def test_a_withdrawn_story_never_counts_as_passed(published, desk):
    services.story_withdraw(story=published, user=desk["chief"], reason="撤")
    assert not selectors.story_passed_final_review(story=StoryPage.objects.get(pk=published.pk))


def test_unread_notices_are_ones_own_newest_first_and_limited(draft, desk):
    first, second, third = (
        services.notice_send(recipients=[desk["editor"]], story=draft, message=m)[0]
        for m in ("一", "二", "三")
    )
    services.notice_send(recipients=[desk["head"]], story=draft, message="别人的")
    services.notice_mark_read(user=desk["editor"], notice_ids=[second.pk])
    assert selectors.notices_unread(user=desk["editor"]) == [third, first]
    assert selectors.notices_unread(user=desk["editor"], limit=1) == [third]


def test_the_review_slip_is_for_its_author_and_reviewers(draft, desk, make_user):
    assert selectors.user_may_see_review_slip(user=desk["reporter"], story=draft)
    assert selectors.user_may_see_review_slip(user=make_user("ed2", EDITOR), story=draft)
    assert not selectors.user_may_see_review_slip(user=make_user("ads", AD_DESK), story=draft)
    assert not selectors.user_may_see_review_slip(user=AnonymousUser(), story=draft)


def test_withdrawals_are_listed_newest_first(published, desk, story_data, pass_review):
    other = pass_review(
        services.story_create_draft(
            section=published.get_parent(), data=story_data, user=desk["reporter"]
        )
    )
    services.story_withdraw(story=published, user=desk["chief"], reason="先撤")
    services.story_withdraw(story=other, user=desk["duty"], reason="后撤")
    assert [w.reason for w in selectors.withdrawal_list()] == ["后撤", "先撤"]
    assert [w.reason for w in selectors.withdrawal_list(limit=1)] == ["后撤"]


def _manifest_write(date, pages: dict, *, finished=True) -> None:
    folder = publish_dir() / date.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.json").write_text(
        json.dumps({"finished": finished, "pages": pages}), encoding="utf-8"
    )


def test_a_printed_story_links_its_page_and_neighbours_in_reading_order(reference_page):
    first, second = [p.story for p in reference_page.story_placements.select_related("story")][:2]
    date = reference_page.edition.date

    def area(key, title, url):
        return {"story": key, "title": title, "url": url}

    _manifest_write(
        date,
        {
            "A02": {
                "number": "A02",
                "name": "要闻",
                "pdf": "A02.pdf",
                "areas": [
                    area(f"story-{first.pk}", first.title, first.url),
                    area("story-999999", "广告", ""),  # not on the site: skipped
                    area(f"story-{second.pk}", second.title, second.url),
                ],
            }
        },
    )
    nav = selectors.story_printed_nav(first)
    assert nav["page"] == "A02" and nav["page_name"] == "要闻"
    assert nav["page_url"].endswith(f"#area-story-{first.pk}")
    assert date.isoformat() in nav["page_url"] and "A02" in nav["page_url"]
    assert nav["pdf_url"].endswith(f"{date.isoformat()}/A02.pdf")
    assert nav["previous"] is None
    assert nav["next"] == {"title": second.title, "url": second.url, "page": "A02"}
    back = selectors.story_printed_nav(second)
    assert back["previous"]["title"] == first.title and back["next"] is None


def test_no_printed_links_until_the_edition_is_public(reference_page, draft):
    story = reference_page.story_placements.first().story
    assert selectors.story_printed_nav(story) is None  # nothing published yet
    _manifest_write(reference_page.edition.date, {}, finished=False)
    assert selectors.story_printed_nav(story) is None
    assert selectors.story_printed_nav(draft) is None  # never printed
    assert not StoryNotice.objects.exists()
