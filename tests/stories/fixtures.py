"""Fixtures for stories (a plugin of tests/conftest.py, so page tests reach them too): a
section, one user per review role, a reporter's draft, a published story."""

import pytest

from chenbao.core.roles import CHIEF_EDITOR, DEPARTMENT_HEAD, DUTY_CHIEF, EDITOR, REPORTER
from chenbao.stories.services import BylineData, StoryData


@pytest.fixture
def section(db):
    from chenbao.stories.services import section_get_or_create

    return section_get_or_create(name="本地")


@pytest.fixture
def desk(make_user):
    """The people of one desk: a reporter and one reviewer per level, with e-mail addresses."""

    def user(username, *roles):
        u = make_user(username, *roles)
        u.email = f"{username}@paper.example"
        u.save()
        return u

    return {
        "reporter": user("li_reporter", REPORTER),
        "editor": user("wang_editor", EDITOR),
        "head": user("zhao_head", DEPARTMENT_HEAD),
        "chief": user("chen_chief", CHIEF_EDITOR),
        "duty": user("sun_duty", DUTY_CHIEF),
    }


@pytest.fixture
def story_data():
    return StoryData(
        kicker="全市新增公办幼儿园学位",
        headline="淄博今年新建改扩建幼儿园42所",
        subtitle="新增学位超万个",
        dateline="淄博12月1日讯",
        body=(
            (
                "paragraph",
                "记者从市教育局获悉，今年全市新建、改扩建公办幼儿园42所，增加学位1.2万个。",
            ),
            ("subhead", "就近入园更方便"),
            ("paragraph", "新园全部按标准配齐设施，明年秋季学期起陆续招生。"),
        ),
        bylines=(
            BylineData(role="记者", name="任灵芝", organisation="大众日报淄博融媒体中心"),
            BylineData(role="特约记者", name="姜东林"),
        ),
    )


@pytest.fixture
def draft(section, desk, story_data):
    from chenbao.stories.services import story_create_draft

    return story_create_draft(section=section, data=story_data, user=desk["reporter"])


@pytest.fixture
def pass_review(desk):
    """Return a function taking a story through 初审, 复审 and 终审 by the desk's reviewers."""
    from chenbao.stories import services
    from chenbao.stories.models import StoryPage

    def run(story, *, final=None):
        story = StoryPage.objects.get(pk=story.pk)
        if story.current_workflow_state is None:
            services.story_submit_for_review(story=story, user=story.owner or desk["reporter"])
        for reviewer in (desk["editor"], desk["head"], final or desk["chief"]):
            services.story_review(story=story, user=reviewer, action="approve", opinion="同意")
        return StoryPage.objects.get(pk=story.pk)

    return run


@pytest.fixture
def published(draft, pass_review):
    return pass_review(draft)
