"""The reviewer's aids in the story editor: warnings other desks register by hook."""

from wagtail import hooks

from chenbao.stories.models import StoryPage
from chenbao.stories.panels import HOOK, ReviewAid, review_aids


def test_every_desks_aids_are_gathered_for_a_saved_draft(draft, desk):
    seen = []

    def figures(story, user):
        seen.append((story.pk, user))
        return [ReviewAid(quote="42所", warning="去年报道为40所")]

    def other(story, user):
        return [ReviewAid(quote="1.2万个", warning="单位有误", link="/x/", link_text="核对")]

    with hooks.register_temporarily(HOOK, figures), hooks.register_temporarily(HOOK, other):
        aids = review_aids(draft, desk["editor"])
    assert [a.quote for a in aids][-2:] == ["42所", "1.2万个"]
    assert seen == [(draft.pk, desk["editor"])]


def test_an_unsaved_story_has_no_aids():
    def never(story, user):
        raise AssertionError("asked about an unsaved story")

    with hooks.register_temporarily(HOOK, never):
        assert review_aids(None, None) == []
        assert review_aids(StoryPage(title="新稿"), None) == []
