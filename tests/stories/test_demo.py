"""The demo has a story waiting at each level of 三审, for the matching demo login."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from wagtail.models import TaskState

from chenbao.stories.models import StoryPage


def waiting() -> dict[str, str]:
    return {
        s.slug: s.current_workflow_task.name
        for s in StoryPage.objects.filter(slug__startswith="demo-review-")
        if s.current_workflow_task
    }


def test_demo_has_a_story_waiting_at_each_level(db):
    call_command("demo", stdout=io.StringIO())
    expected = {"demo-review-1": "初审", "demo-review-2": "复审", "demo-review-3": "终审"}
    assert waiting() == expected
    call_command("demo", stdout=io.StringIO())
    assert waiting() == expected
    users = get_user_model().objects
    for username, level in [
        ("editor", "初审"),
        ("department_head", "复审"),
        ("chief_editor", "终审"),
        ("duty_chief", "终审"),
    ]:
        states = TaskState.objects.reviewable_by(users.get(username=username))
        assert [s.task.name for s in states] == [level], username
        client = Client()
        client.force_login(users.get(username=username))
        assert f"等待{level}" in client.get("/admin/").content.decode()
