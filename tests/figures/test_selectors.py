"""Reads of figures: indicators suggested, timelines, pledges, the reviewer's check."""

import datetime as dt
from decimal import Decimal

import pytest

from chenbao.core.roles import CHIEF_EDITOR, DATA_DESK
from chenbao.figures import selectors, services
from chenbao.figures import status as s
from chenbao.figures.models import FigureState, Indicator, StoryFigure
from tests.factories import user_make
from tests.figures.world import BODY_2022, story_of, timeline_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return user_make(DATA_DESK)


def test_timeline_and_withdrawn_stories(desk):
    lifts, old, new = timeline_world(desk)
    values = [p.figure.value for p in selectors.indicator_timeline(lifts)]
    assert sorted(values) == [186, 200, 217]
    from chenbao.stories.services import story_withdraw

    story_withdraw(story=new, user=user_make(CHIEF_EDITOR), reason="数据有误")
    values = [p.figure.value for p in selectors.indicator_timeline(lifts)]
    assert sorted(values) == [186, 200]


def test_overdue_list(desk):
    late = services.pledge_create(
        title="新建公园10处",
        owner="市园林局",
        place="淄博",
        deadline=dt.date(2023, 1, 1),
        user=desk,
    )
    services.pledge_create(
        title="明年的事", owner="市园林局", place="淄博", deadline=dt.date(2030, 1, 1), user=desk
    )
    assert selectors.pledges_overdue(dt.date(2023, 6, 1)) == [late]


def test_reviewer_sees_contradictions_beside_figures(desk):
    lifts, old, new = timeline_world(desk)
    draft = story_of([("paragraph", "全市累计加装电梯150部,力争明年加装电梯260部。")], live=False)
    checked = selectors.story_check(draft)
    by_text = {c.figure.text: c for c in checked}
    assert by_text["150部"].indicator == lifts
    assert "累计数小于" in by_text["150部"].warning and by_text["150部"].last.value == 217
    assert "目标与此前报道不同" in by_text["260部"].warning
    said = story_of([("paragraph", "目标调整为明年加装电梯260部。")], live=False, title="调整")
    assert selectors.story_check(said)[0].warning == ""


def test_the_story_text_is_the_dateline_then_every_block_a_line(desk):
    story = story_of(BODY_2022)
    text = selectors.story_text(story)
    assert text.startswith("淄博12月1日")
    assert "居住品质" in text and "累计加装电梯186部" in text
    assert text.index("5.34万人") < text.index("居住品质") < text.index("186部")


def test_an_indicator_is_suggested_by_place_unit_and_a_similar_phrase(desk):
    lifts = Indicator.objects.create(name="加装电梯", place="淄博", unit="部", slug="lifts")
    Indicator.objects.create(name="加装电梯", place="济南", unit="部", slug="lifts-jinan")
    assert selectors.indicator_suggest(phrase="累计加装电梯", place="淄博", unit="部") == lifts
    assert selectors.indicator_suggest(phrase="加装电梯", place="淄博", unit="台") is None
    assert selectors.indicator_suggest(phrase="新建公园", place="淄博", unit="部") is None
    assert selectors.indicator_suggest(phrase="", place="淄博", unit="部") is None


def test_readers_see_only_confirmed_figures_of_live_stories(desk):
    lifts, old, new = timeline_world(desk)
    draft = story_of(BODY_2022, live=False, title="草稿")
    for f in services.story_figures_extract(story=draft):
        services.figure_confirm(figure=f, indicator=f.indicator, user=desk)
    public = selectors.public_figures()
    assert public.exists()
    assert all(f.state == FigureState.CONFIRMED and f.story.live for f in public)
    assert not public.filter(story=draft).exists()
    assert StoryFigure.objects.filter(story=old, state=FigureState.SUGGESTED).exists()
    assert not public.filter(state=FigureState.SUGGESTED).exists()


def test_a_pledge_with_no_indicator_is_proposed_as_not_rated(desk):
    pledge = services.pledge_create(
        title="新建公园10处", owner="市园林局", place="淄博", target_value=10, user=desk
    )
    proposal = selectors.pledge_proposal(pledge, today=dt.date(2023, 6, 1))
    assert proposal.status == s.NOT_RATED and proposal.progress is None


def test_a_pledge_is_measured_by_reported_values_not_by_targets(desk):
    lifts, old, new = timeline_world(desk)
    pledge = services.pledge_create(
        title="加装电梯300部",
        owner="市住建局",
        place="淄博",
        deadline=dt.date(2024, 12, 31),
        target_value=Decimal(300),
        unit="部",
        indicator=lifts,
        user=desk,
    )
    proposal = selectors.pledge_proposal(pledge, today=dt.date(2024, 1, 1))
    assert proposal.status == s.IN_PROGRESS
    assert proposal.progress == pytest.approx(217 / 300)


def test_the_printed_page_of_a_story_that_never_ran_is_none(desk):
    assert selectors.epaper_page_of(story_of(BODY_2022).pk) is None


def test_the_printed_page_of_an_imported_story(reference_page):
    story = reference_page.story_placements.first().story
    assert selectors.epaper_page_of(story.pk) == reference_page


def test_evidence_from_a_withdrawn_story_is_hidden_from_the_pledges_timeline(desk):
    lifts, old, new = timeline_world(desk)
    pledge = services.pledge_create(
        title="加装电梯200部", owner="市住建局", place="淄博", indicator=lifts, user=desk
    )
    evidence = StoryFigure.objects.get(story=new, value=217)
    services.pledge_status_set(
        pledge=pledge, status=s.EXCEEDED, note="见报217部", evidence=evidence, user=desk
    )
    assert [(e.status, f) for e, f in selectors.pledge_events_public(pledge)] == [
        (s.NOT_RATED, None),
        (s.EXCEEDED, evidence),
    ]
    from chenbao.stories.services import story_withdraw

    story_withdraw(story=new, user=user_make(CHIEF_EDITOR), reason="数据有误")
    assert [f for _e, f in selectors.pledge_events_public(pledge)] == [None, None]


def test_a_storys_public_figures_are_those_with_an_indicator(desk):
    lifts, old, new = timeline_world(desk)
    figures = selectors.story_figures_public(new)
    assert [f.text for f in figures] == ["217部"]
    assert figures[0].indicator == lifts
    assert selectors.story_figures_public(story_of(BODY_2022, title="别的")) == []


def test_pledges_are_listed_by_place_owner_and_deadline(desk):
    b = services.pledge_create(
        title="乙", owner="市住建局", place="淄博", deadline=dt.date(2024, 1, 1), user=desk
    )
    a = services.pledge_create(
        title="甲", owner="市住建局", place="淄博", deadline=dt.date(2023, 1, 1), user=desk
    )
    c = services.pledge_create(title="丙", owner="市园林局", place="济南", user=desk)
    assert list(selectors.pledges_public()) == sorted(
        [a, b, c], key=lambda p: (p.place, p.owner, p.deadline or dt.date.min)
    )
