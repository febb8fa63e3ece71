"""三审 in the Wagtail admin: what reviewers see and do, editing, locking and revisions."""

import json

from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from chenbao.core.roles import DEPARTMENT_HEAD, EDITOR
from chenbao.stories import services
from chenbao.stories.models import StoryByline, StoryPage


def edit_url(story) -> str:
    return f"/admin/pages/{story.pk}/edit/"


def form_data(story: StoryPage, **changes) -> dict:
    """The edit form as the admin would post it, with `changes` applied."""
    story = story.get_latest_revision_as_object()
    values = {
        "title": story.title,
        "slug": story.slug,
        "kicker": story.kicker,
        "subtitle": story.subtitle,
        "dateline": story.dateline,
        "source_note": story.source_note,
        "blocks": [(b.block_type, b.value, b.id) for b in story.body],
    }
    values.update(changes)
    bylines = list(StoryByline.objects.filter(story_id=story.pk).order_by("sort_order"))
    return nested_form_data(
        {
            "title": values["title"],
            "slug": values["slug"],
            "kicker": values["kicker"],
            "subtitle": values["subtitle"],
            "dateline": values["dateline"],
            "source_note": values["source_note"],
            "body": stream(values["blocks"]),
            "bylines": inline_formset(
                [
                    {
                        "id": b.pk,
                        "contributor": b.contributor_id,
                        "role": b.role,
                        "organisation": b.organisation,
                        "ORDER": i,
                    }
                    for i, b in enumerate(bylines)
                ],
                initial=len(bylines),
            ),
            "comments": inline_formset([]),
        }
    )


def stream(blocks) -> dict:
    """StreamField form data keeping each block's id, as the admin's editor does."""
    data = {
        str(i): {"type": kind, "value": value, "id": block_id, "deleted": "", "order": str(i)}
        for i, (kind, value, block_id) in enumerate(blocks)
    }
    data["count"] = str(len(blocks))
    return data


def workflow_action(name: str, comment: str = "") -> dict:
    return {
        "action-workflow-action": "true",
        "workflow-action-name": name,
        "workflow-action-extra-data": json.dumps({"comment": comment} if comment else {}),
    }


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def current_level(story) -> str | None:
    task = StoryPage.objects.get(pk=story.pk).current_workflow_task
    return task.name if task else None


def test_reviewers_act_in_the_admin_and_a_second_level_is_refused(draft, desk, make_user):
    reporter = client_for(desk["reporter"])
    response = reporter.post(edit_url(draft), {**form_data(draft), "action-submit": "true"})
    assert response.status_code == 302
    assert current_level(draft) == "初审"

    both = make_user("zhou_both", EDITOR, DEPARTMENT_HEAD)
    zhou = client_for(both)
    page = zhou.get(edit_url(draft)).content.decode()
    assert "退回修改" in page and "通过" in page
    response = zhou.post(edit_url(draft), {**form_data(draft), **workflow_action("approve")})
    assert response.status_code == 302
    assert current_level(draft) == "复审"

    # At 复审 the same person sees no review actions, and a crafted POST does nothing.
    page = zhou.get(edit_url(draft)).content.decode()
    assert "通过并签署意见" not in page
    zhou.post(edit_url(draft), {**form_data(draft), **workflow_action("approve")})
    assert current_level(draft) == "复审"

    head = client_for(desk["head"])
    assert "通过并签署意见" in head.get(edit_url(draft)).content.decode()
    head.post(edit_url(draft), {**form_data(draft), **workflow_action("approve", "同意")})
    assert current_level(draft) == "终审"

    # The dashboard tells the 终审 reviewers what waits for them.
    dashboard = client_for(desk["duty"]).get("/admin/").content.decode()
    assert "稿件通知" in dashboard and "等待终审" in dashboard

    client_for(desk["duty"]).post(
        edit_url(draft), {**form_data(draft), **workflow_action("approve", "签发")}
    )
    assert StoryPage.objects.get(pk=draft.pk).live


def test_reporters_cannot_publish_directly(draft, desk):
    reporter = client_for(desk["reporter"])
    reporter.post(edit_url(draft), {**form_data(draft), "action-publish": "true"})
    assert not StoryPage.objects.get(pk=draft.pk).live
    assert not draft.permissions_for_user(desk["reporter"]).can_publish()
    for reviewer in ("editor", "head", "chief", "duty"):
        assert not draft.permissions_for_user(desk[reviewer]).can_publish()


def test_a_published_story_edited_in_the_admin_goes_back_through_review(published, desk):
    reporter = client_for(desk["reporter"])
    reporter.post(edit_url(published), form_data(published, title="新标题：幼儿园42所"))
    story = StoryPage.objects.get(pk=published.pk)
    assert story.live and story.title == "淄博今年新建改扩建幼儿园42所"  # live text unchanged
    assert story.has_unpublished_changes
    assert "新标题" not in Client().get(story.url).content.decode()

    reporter.post(edit_url(story), {**form_data(story), "action-submit": "true"})
    assert current_level(story) == "初审"


def test_an_edit_at_final_review_is_read_again_by_the_lower_levels(draft, desk):
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    services.story_review(story=draft, user=desk["editor"], action="approve")
    services.story_review(story=draft, user=desk["head"], action="approve")
    chief = client_for(desk["chief"])
    chief.post(
        edit_url(draft),
        {**form_data(draft, subtitle="新增学位1.2万个"), **workflow_action("approve", "改副题")},
    )
    story = StoryPage.objects.get(pk=draft.pk)
    assert not story.live
    assert current_level(story) == "初审"
    services.story_review(story=story, user=desk["editor"], action="approve")
    assert current_level(story) == "复审"
    services.story_review(story=story, user=desk["head"], action="approve")
    story = StoryPage.objects.get(pk=draft.pk)
    assert story.live and story.subtitle == "新增学位1.2万个"


def test_a_story_in_review_is_locked_for_others_and_shows_who_locked_it(draft, desk):
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    editor = client_for(desk["editor"])
    assert editor.post(f"/admin/pages/{draft.pk}/lock/").status_code == 302
    story = StoryPage.objects.get(pk=draft.pk)
    assert story.locked and story.locked_by == desk["editor"]
    lock = story.get_lock()
    assert lock.for_user(desk["head"]) and not lock.for_user(desk["editor"])
    page = client_for(desk["head"]).get(edit_url(story)).content.decode()
    assert "wang_editor" in page  # the message names who holds the lock
    # While it is in review the reporter cannot change it either.
    assert story.get_lock().for_user(desk["reporter"])


def test_concurrent_editing_is_reported_to_the_second_editor(draft, desk):
    """Wagtail's editing sessions: the second editor learns who else has the story open,
    and that a newer revision was saved while they were editing."""
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    ping = f"/admin/editing-sessions/ping/stories/storypage/{draft.pk}/0/"
    first, second = client_for(desk["editor"]), client_for(desk["chief"])
    assert first.post(ping, {"is_editing": "1"}).status_code == 200
    opened_at = StoryPage.objects.get(pk=draft.pk).latest_revision_id
    reply = second.post(ping, {"revision_id": opened_at}).json()
    assert [s["user"] for s in reply["other_sessions"]] == ["wang_editor"]
    assert reply["other_sessions"][0]["is_editing"]

    first.post(edit_url(draft), form_data(draft, subtitle="副题改了"))
    reply = second.post(ping, {"revision_id": opened_at}).json()
    newer = [s for s in reply["other_sessions"] if s["revision_id"]]
    assert newer and newer[0]["user"] == "wang_editor"


def test_revision_comparison_marks_the_changed_characters(published, desk):
    story = StoryPage.objects.get(pk=published.pk)
    first = story.live_revision
    blocks = [(b.block_type, b.value, b.id) for b in story.body]
    blocks[0] = (
        "paragraph",
        "记者从市教育局获悉，今年全市新建、改扩建公办幼儿园43所，增加学位1.2万个。",
        blocks[0][2],
    )
    client_for(desk["reporter"]).post(edit_url(story), form_data(story, blocks=blocks))
    latest = StoryPage.objects.get(pk=story.pk).latest_revision
    assert latest.pk != first.pk
    html = (
        client_for(desk["editor"])
        .get(f"/admin/pages/{story.pk}/revisions/compare/{first.pk}...{latest.pk}/")
        .content.decode()
    )
    # One changed character is marked, not the whole paragraph (Wagtail's default).
    assert (
        '改扩建公办幼儿园<span class="deletion">42</span><span class="addition">43</span>所'
    ) in html
