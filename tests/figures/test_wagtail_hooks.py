"""The figures' admin hooks: the 数据核对 button and the reviewer's aids in the story editor."""

import pytest

from chenbao.core.roles import AD_DESK, DATA_DESK, EDITOR
from chenbao.figures.wagtail_hooks import figures_review_aids, story_check_button
from tests.factories import section_make, user_make
from tests.figures.world import story_of, timeline_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return user_make(DATA_DESK)


def test_story_editor_shows_contradictions_to_the_reviewer(client, desk):
    """The 初审 editor sees the warning in the story editor itself, above the text."""
    timeline_world(desk)
    draft = story_of([("paragraph", "全市累计加装电梯150部。")], live=False, title="草稿")
    client.force_login(user_make(EDITOR))
    page = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert 'class="review-aid"' in page and "累计数小于此前已报道的 217部" in page
    assert f"/admin/figures/story/{draft.pk}/" in page
    quiet = story_of([("paragraph", "全市累计加装电梯300部。")], live=False, title="无矛盾")
    assert "review-aid" not in client.get(f"/admin/pages/{quiet.pk}/edit/").content.decode()


def test_the_aids_name_the_contradicting_figure_and_link_the_check(desk):
    timeline_world(desk)
    draft = story_of([("paragraph", "全市累计加装电梯150部。")], live=False, title="草稿")
    (aid,) = figures_review_aids(draft, user_make(EDITOR))
    assert aid.quote == "150部" and "累计数小于" in aid.warning
    assert aid.link == f"/admin/figures/story/{draft.pk}/"


def test_no_aids_for_someone_who_may_not_check_figures_or_for_other_pages(desk):
    timeline_world(desk)
    draft = story_of([("paragraph", "全市累计加装电梯150部。")], live=False, title="草稿")
    assert figures_review_aids(draft, user_make(AD_DESK)) == []
    assert figures_review_aids(section_make(), user_make(EDITOR)) == []


def test_the_check_button_is_on_stories_for_those_who_may_check(desk):
    story = story_of([("paragraph", "正文")])
    (button,) = story_check_button(story, desk, "edit")
    assert button.url == f"/admin/figures/story/{story.pk}/"
    assert list(story_check_button(story, user_make(AD_DESK), "edit")) == []
    assert list(story_check_button(section_make(), desk, "edit")) == []
