"""三审: one story from a reporter's draft to publication, correction and withdrawal."""

import json
from pathlib import Path

import feedparser
import jsonschema
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client

from chenbao.core.roles import DEPARTMENT_HEAD, EDITOR
from chenbao.stories import selectors, services
from chenbao.stories.models import ReviewDecision, ReviewSlipEntry, StoryNotice, StoryPage

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "docs/schemas/ninjs-schema_2.2.json").read_text(encoding="utf-8")
)


def level_of(story) -> str | None:
    task = StoryPage.objects.get(pk=story.pk).current_workflow_task
    return task.name if task else None


def reader_view(client: Client, story: StoryPage) -> dict:
    """What readers and receivers see of the story right now."""
    story = StoryPage.objects.get(pk=story.pk)
    page = client.get(story.get_parent().url + story.slug + "/")
    rss = feedparser.parse(client.get(f"/feeds/{story.get_parent().slug}/rss.xml").content)
    atom = feedparser.parse(client.get(f"/feeds/{story.get_parent().slug}/atom.xml").content)
    assert not rss.bozo, rss.bozo_exception
    assert not atom.bozo, atom.bozo_exception
    ninjs = client.get(f"/api/v1/stories/{story.pk}.ninjs.json")
    return {
        "page": page.status_code,
        "html": page.content.decode() if page.status_code == 200 else "",
        "rss": [e.title for e in rss.entries],
        "atom": [e.title for e in atom.entries],
        "ninjs_status": ninjs.status_code,
        "ninjs": ninjs.json() if ninjs.status_code in (200, 410) else None,
    }


def test_a_story_walks_through_three_reviews_correction_and_withdrawal(
    draft, desk, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    client = Client()
    headline = "淄博今年新建改扩建幼儿园42所"
    # Someone in two review groups: may review at one level only.
    both = make_user("zhou_both", EDITOR, DEPARTMENT_HEAD)
    both.email = "zhou@paper.example"
    both.save()

    # The draft is nowhere to be seen.
    seen = reader_view(client, draft)
    assert seen["page"] == 404 and headline not in seen["rss"] and seen["ninjs_status"] == 404

    with django_capture_on_commit_callbacks(execute=True):
        services.story_submit_for_review(story=draft, user=desk["reporter"])
    assert level_of(draft) == "初审"
    # The 初审 reviewers are told, in the admin and by mail; the reporter is not asked.
    assert StoryNotice.objects.filter(recipient=desk["editor"], story=draft).exists()
    assert not StoryNotice.objects.filter(recipient=desk["reporter"]).exists()
    assert any("wang_editor@paper.example" in m.to for m in mailoutbox)

    # The author cannot review their own story, even if they belong to the review group.
    desk["reporter"].groups.add(desk["editor"].groups.first())
    with pytest.raises(PermissionDenied, match="作者不能审自己的稿件"):
        services.story_review(story=draft, user=desk["reporter"], action="approve")
    assert draft.current_workflow_task.get_actions(draft, desk["reporter"]) == []

    # 初审 by the person who sits in both groups.
    services.story_review(story=draft, user=both, action="approve", opinion="事实核实无误。")
    assert level_of(draft) == "复审"
    assert reader_view(client, draft)["page"] == 404

    # The same person may not pass it again at 复审: refused in the task itself.
    task = StoryPage.objects.get(pk=draft.pk).current_workflow_task
    assert task.get_actions(draft, both) == []
    assert not task.user_can_access_editor(draft, both)
    with pytest.raises(PermissionDenied, match="同一稿件不能由一人审两级"):
        services.story_review(story=draft, user=both, action="approve")

    # 复审 sends it back: the author and everyone who passed it are told.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.story_review(
            story=draft, user=desk["head"], action="reject", opinion="数字请再核对。"
        )
    state = StoryPage.objects.get(pk=draft.pk).workflow_states.get(status="needs_changes")
    assert state.current_task_state.task.name == "复审"  # it waits at the level that sent it back
    for person in (desk["reporter"], both):
        assert StoryNotice.objects.filter(
            recipient=person, story=draft, message__contains="退回修改"
        ).exists()
    assert any("zhou@paper.example" in m.to for m in mailoutbox)
    # The reporter gets one mail about it (Wagtail's own), not two.
    assert sum("li_reporter@paper.example" in m.to for m in mailoutbox) == 1

    # The reporter fixes the text and resubmits: changed text goes back to 初审.
    fixed = services.story_update_draft(
        story=draft,
        data=services.StoryData(
            headline=headline,
            kicker="全市新增公办幼儿园学位",
            subtitle="新增学位1.2万个",
            dateline="淄博12月1日讯",
            body=(("paragraph", "记者从市教育局获悉，今年全市新建、改扩建公办幼儿园42所。"),),
            bylines=(services.BylineData(role="记者", name="任灵芝"),),
        ),
        user=desk["reporter"],
    )
    services.story_submit_for_review(story=fixed, user=desk["reporter"])
    # 复审 restarts first (Wagtail resumes the level that sent it back) ...
    assert level_of(draft) == "复审"
    services.story_review(story=draft, user=desk["head"], action="approve", opinion="同意。")
    # ... and since the text changed after 初审 passed it, 初审 must read it again.
    assert level_of(draft) == "初审"
    services.story_review(story=draft, user=both, action="approve", opinion="已改。")
    assert level_of(draft) == "终审"  # 复审 passed this very text already

    # A fourth attempt by someone who already reviewed it, at 终审: refused.
    desk["head"].groups.add(desk["chief"].groups.first())
    with pytest.raises(PermissionDenied, match="同一稿件不能由一人审两级"):
        services.story_review(story=draft, user=desk["head"], action="approve")
    assert reader_view(client, draft)["page"] == 404

    # 终审 by the chief editor publishes it.
    services.story_review(story=draft, user=desk["chief"], action="approve", opinion="签发。")
    story = StoryPage.objects.get(pk=draft.pk)
    assert story.live and level_of(story) is None
    seen = reader_view(client, story)
    assert seen["page"] == 200
    assert headline in seen["html"] and "新增学位1.2万个" in seen["html"]
    assert f'href="/api/v1/stories/{story.pk}.ninjs.json"' in seen["html"]
    assert headline in seen["rss"] and headline in seen["atom"]
    assert seen["ninjs_status"] == 200
    jsonschema.validate(seen["ninjs"], SCHEMA)
    assert {"role": "main", "value": headline} in seen["ninjs"]["headlines"]

    # The slip shows three different people, one per level.
    passes = ReviewSlipEntry.objects.filter(story=story, decision=ReviewDecision.PASS)
    by_level = {}
    for entry in passes:
        by_level.setdefault(entry.level, set()).add(entry.reviewer_id)
    assert by_level == {1: {both.pk}, 2: {desk["head"].pk}, 3: {desk["chief"].pk}}
    assert selectors.story_passed_final_review(story=story)

    # Correction: shown to readers, in the feeds and in ninjs.
    services.story_correct(story=story, user=desk["duty"], note="原稿“1.2万个”应为“1.1万个”。")
    seen = reader_view(client, story)
    assert "原稿“1.2万个”应为“1.1万个”。" in seen["html"]
    assert headline in seen["rss"]
    jsonschema.validate(seen["ninjs"], SCHEMA)
    assert any(d["role"] == "correction" for d in seen["ninjs"]["descriptions"])
    with pytest.raises(PermissionDenied):
        services.story_correct(story=story, user=desk["reporter"], note="我来改")

    # Withdrawal: gone from the site and the feeds, ninjs says "canceled", kept with the reason.
    services.story_withdraw(story=story, user=desk["chief"], reason="当事方提出异议，核实中。")
    seen = reader_view(client, story)
    assert seen["page"] == 404
    assert headline not in seen["rss"] and headline not in seen["atom"]
    assert seen["ninjs_status"] == 410
    assert seen["ninjs"]["pubstatus"] == "canceled"
    jsonschema.validate(seen["ninjs"], SCHEMA)
    kept = StoryPage.objects.get(pk=story.pk)
    assert kept.withdrawal.reason == "当事方提出异议，核实中。"
    assert not kept.live
    # A withdrawn story cannot be sent round again.
    with pytest.raises(PermissionDenied):
        services.story_submit_for_review(story=kept, user=desk["reporter"])
