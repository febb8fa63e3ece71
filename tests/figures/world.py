"""Helpers of the figures' tests: story bodies that print figures, and a small timeline."""

from chenbao.figures import services
from tests.factories import story_make

BODY_2022 = [
    ("paragraph", "今年,全市城镇新增就业5.34万人。年内新改扩建幼儿园42所。"),
    ("subhead", "居住品质"),
    ("paragraph", "累计加装电梯186部,力争明年加装电梯200部。"),
]
BODY_2023 = [("paragraph", "截至目前,全市累计加装电梯217部,城镇新增就业5.6万人。")]


def story_of(body, live=True, title="民生"):
    return story_make(title=title, live=live, dateline="淄博12月1日", body=body)


def timeline_world(desk):
    lifts = services.indicator_create(name="加装电梯", place="淄博", unit="部", user=desk)
    old, new = story_of(BODY_2022, title="旧"), story_of(BODY_2023, title="新")
    for story in (old, new):
        for f in services.story_figures_extract(story=story):
            if f.indicator_id == lifts.pk:
                services.figure_confirm(figure=f, indicator=lifts, user=desk)
    return lifts, old, new
