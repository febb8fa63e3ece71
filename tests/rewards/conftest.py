import pytest

from chenbao.core.roles import FINANCE, TIP_DESK


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def desk(make_user):
    return make_user("desk", TIP_DESK)


@pytest.fixture
def desk2(make_user):
    return make_user("desk2", TIP_DESK)


@pytest.fixture
def finance(make_user):
    return make_user("cashier", FINANCE)


@pytest.fixture
def draft_story(db):
    """An unpublished story in 社会."""
    from chenbao.stories.models import StoryPage
    from chenbao.stories.services import section_get_or_create

    section = section_get_or_create(name="社会")
    story = StoryPage(title="东风路口两车相撞一人受伤", slug="crash", live=False)
    section.add_child(instance=story)
    return story


@pytest.fixture
def tip(db):
    from chenbao.rewards.services import reward_tiers_ensure_default
    from chenbao.tips.services import tip_submit

    reward_tiers_ensure_default()  # a transactional test elsewhere may have flushed them

    return tip_submit(
        text="东风路与柳泉路交叉口今早两车相撞，一人受伤，交警已在现场处置。",
        contact_phone="13905331234",
    )[0]


def publish(story):
    story.save_revision().publish()
