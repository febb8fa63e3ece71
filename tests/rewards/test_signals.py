"""Publishing a story that grew out of a tip puts a reward before the desk."""

import pytest
from django.db import IntegrityError, transaction

from chenbao.rewards.models import Reward
from chenbao.rewards.signals import on_page_published
from chenbao.tips.services import tip_link_story, tip_submit

pytestmark = pytest.mark.django_db


def publish(story):
    story.save_revision().publish()


def test_publishing_a_linked_story_suggests_one_reward_per_group(tip, draft_story, desk):
    twin, _ = tip_submit(text="今早东风路柳泉路路口两辆车撞了，有一人受伤，交警正在现场处理。")
    assert twin.group_id == tip.group_id
    tip_link_story(user=desk, tip=tip, story=draft_story)
    tip_link_story(user=desk, tip=twin, story=draft_story)
    assert not Reward.objects.exists()
    publish(draft_story)
    publish(draft_story)  # republishing does not add a second reward
    reward = Reward.objects.get()
    assert reward.status == "suggested" and reward.tip == tip  # the earliest complete tip
    with pytest.raises(IntegrityError), transaction.atomic():
        Reward.objects.create(group=tip.group, tip=twin)


def test_publishing_a_story_without_tips_suggests_nothing(draft_story):
    publish(draft_story)
    assert not Reward.objects.exists()


def test_pages_that_are_not_stories_are_ignored(tip, draft_story, desk):
    tip_link_story(user=desk, tip=tip, story=draft_story)
    on_page_published(sender=None, instance=draft_story.get_parent())
    assert not Reward.objects.exists()
    on_page_published(sender=None, instance=draft_story.page_ptr)  # a Page reaches its story
    assert Reward.objects.get().tip == tip
