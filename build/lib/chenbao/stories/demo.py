"""Demo stories: one waiting at each level of 三审, so the workflow can be tried at once.

Log in as `editor` (初审), `department_head` (复审) or `chief_editor` / `duty_chief`
(终审): each finds a story waiting on the dashboard. Needs core/demo.py's users.
"""

from django.contrib.auth import get_user_model

from chenbao.stories import services
from chenbao.stories.models import StoryPage
from chenbao.stories.services import BylineData, StoryData

DEMO_STORIES = [
    (
        "demo-review-1",
        0,
        StoryData(
            kicker="冬季供暖",
            headline="城区集中供暖今起全面升温",
            subtitle="热力公司开通24小时服务热线",
            dateline="淄博12月1日讯",
            body=(
                (
                    "paragraph",
                    "记者从市热力公司获悉，城区集中供暖管网今起全面升温，居民室温将逐步达标。",
                ),
                (
                    "paragraph",
                    "热力公司提醒，室温不达标的用户可拨打服务热线报修，维修人员将在24小时内上门。",
                ),
            ),
            bylines=(BylineData(role="记者", name="刘晓"),),
        ),
    ),
    (
        "demo-review-2",
        1,
        StoryData(
            kicker="便民服务",
            headline="社区食堂覆盖全部街道",
            dateline="淄博12月1日讯",
            body=(
                ("paragraph", "今年以来，全市新建社区食堂36处，老年人就餐可享受优惠。"),
                ("subhead", "就餐更方便"),
                ("paragraph", "社区食堂实行明码标价，每日公示菜谱。"),
            ),
            bylines=(BylineData(role="记者", name="刘晓"), BylineData(role="通讯员", name="周敏")),
        ),
    ),
    (
        "demo-review-3",
        2,
        StoryData(
            headline="市民文化节闭幕",
            subtitle="百余场活动吸引市民参与",
            dateline="淄博12月1日讯",
            body=(("paragraph", "为期一个月的市民文化节近日闭幕，共举办各类文化活动百余场。"),),
            bylines=(BylineData(role="见习记者", name="孙楠"),),
        ),
    ),
]
REVIEWERS = ["editor", "department_head"]


def load(*, stdout) -> None:
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=["reporter", *REVIEWERS])}
    if len(users) < 3:
        stdout.write("stories demo skipped: the demo users are missing (core/demo.py)")
        return
    section = services.section_get_or_create(name="本地")
    for slug, levels_passed, data in DEMO_STORIES:
        if StoryPage.objects.filter(slug=slug).exists():
            continue
        story = services.story_create_draft(
            section=section, data=data, user=users["reporter"], slug=slug
        )
        services.story_submit_for_review(story=story, user=users["reporter"])
        for username in REVIEWERS[:levels_passed]:
            services.story_review(
                story=story, user=users[username], action="approve", opinion="同意"
            )
    waiting = {
        s.slug: s.current_workflow_task.name
        for s in StoryPage.objects.filter(slug__startswith="demo-review-")
        if s.current_workflow_task
    }
    stdout.write(
        "stories waiting for review: " + ", ".join(f"{k} {v}" for k, v in sorted(waiting.items()))
    )
