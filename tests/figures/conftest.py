"""Fixtures of the figures' tests: a small world of printed figures, an indicator, a pledge."""

import datetime as dt

import pytest

from chenbao.core.roles import DATA_DESK
from chenbao.figures import services
from chenbao.figures import status as s
from chenbao.figures.models import StoryFigure
from tests.factories import story_make, user_make


@pytest.fixture
def world():
    desk = user_make(DATA_DESK)
    lifts = services.indicator_create(name="加装电梯", place="淄博", unit="部", user=desk)
    stories = []
    for title, text in (
        ("去年", "累计加装电梯186部,力争明年加装电梯200部。"),
        ("今年", "截至目前,全市累计加装电梯217部。"),
    ):
        story = story_make(
            title=title, live=True, dateline="淄博12月1日", body=[("paragraph", text)]
        )
        for f in services.story_figures_extract(story=story):
            services.figure_confirm(figure=f, indicator=lifts, user=desk)
        stories.append(story)
    target = StoryFigure.objects.get(kind="target")
    pledge = services.pledge_create(
        title="加装电梯200部<script>alert(1)</script>",
        owner="市住建局",
        place="淄博",
        deadline=dt.date(2023, 12, 31),
        target_value=200,
        unit="部",
        indicator=lifts,
        source_figure=target,
        user=desk,
    )
    evidence = StoryFigure.objects.get(value=217)
    services.pledge_status_set(
        pledge=pledge, status=s.EXCEEDED, note="见报217部", evidence=evidence, user=desk
    )
    return {"desk": desk, "indicator": lifts, "stories": stories, "pledge": pledge}
