"""{% story_figures story %}: the story's figures that belong to an indicator, linked."""

import pytest
from django.template import Context, Template

from chenbao.core.roles import DATA_DESK
from chenbao.figures import services
from tests.factories import user_make
from tests.figures.world import BODY_2022, story_of, timeline_world

pytestmark = pytest.mark.django_db


def render(story) -> str:
    return Template("{% load figures %}{% story_figures story %}").render(Context({"story": story}))


def test_the_figures_link_their_indicator_and_its_pledges():
    desk = user_make(DATA_DESK)
    lifts, old, new = timeline_world(desk)
    pledge = services.pledge_create(
        title="加装电梯200部", owner="市住建局", place="淄博", indicator=lifts, user=desk
    )
    html = render(new)
    assert "此数据历次报道" in html and "217部 · 淄博加装电梯" in html
    assert f"/chengnuo/{pledge.pk}/" in html


def test_a_story_without_indicator_figures_renders_nothing():
    assert render(story_of(BODY_2022)).strip() == ""
