"""Scheduled publishing: a story approved for later goes live on time, and late if missed."""

import datetime as dt
import threading

from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from chenbao.stories import scheduler, services
from chenbao.stories.models import StoryPage


def scheduled_story(section, desk, story_data, pass_review, *, hours_ahead=2):
    draft = services.story_create_draft(
        section=section,
        data=story_data,
        user=desk["reporter"],
        go_live_at=timezone.now() + dt.timedelta(hours=hours_ahead),
    )
    story = pass_review(draft)
    assert not story.live  # approved, waiting for its time
    assert Revision.objects.filter(object_id=str(story.pk), approved_go_live_at__isnull=False)
    return story


def miss_the_schedule(story, *, hours=3):
    """Pretend the scheduler was down when the story should have gone live."""
    past = timezone.now() - dt.timedelta(hours=hours)
    for revision in Revision.objects.filter(
        object_id=str(story.pk), approved_go_live_at__isnull=False
    ):
        revision.approved_go_live_at = past
        revision.content["go_live_at"] = past.isoformat()
        revision.save(update_fields=["approved_go_live_at", "content"])
    StoryPage.objects.filter(pk=story.pk).update(go_live_at=past)


def test_a_story_waits_for_its_time(section, desk, story_data, pass_review):
    story = scheduled_story(section, desk, story_data, pass_review)
    call_command("scheduler", "--once")
    assert not StoryPage.objects.get(pk=story.pk).live


def test_a_missed_schedule_is_caught_up_on_the_next_run(section, desk, story_data, pass_review):
    story = scheduled_story(section, desk, story_data, pass_review)
    miss_the_schedule(story, hours=30)
    call_command("scheduler", "--once")
    story = StoryPage.objects.get(pk=story.pk)
    assert story.live
    assert story.title == story_data.headline


def test_the_scheduler_loop_survives_a_failed_run(
    section, desk, story_data, pass_review, monkeypatch
):
    story = scheduled_story(section, desk, story_data, pass_review)
    miss_the_schedule(story)
    stop = threading.Event()
    calls = []
    real_run_once = scheduler.run_once

    def flaky_run_once():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database went away")
        report = real_run_once()
        stop.set()
        return report

    monkeypatch.setattr(scheduler, "run_once", flaky_run_once)
    monkeypatch.setattr(scheduler, "close_old_connections", lambda: None)
    scheduler.run_forever(interval=0, stop=stop)
    assert len(calls) == 2
    assert StoryPage.objects.get(pk=story.pk).live
