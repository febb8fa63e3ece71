"""The figures' models as the desk and readers see them named."""

from chenbao.figures.models import Indicator, Pledge, PledgeEvent, StoryFigure


def test_an_indicator_is_named_with_its_place_and_unit():
    assert str(Indicator(name="城镇新增就业", place="淄博", unit="人")) == "淄博·城镇新增就业（人）"


def test_figures_pledges_and_events_read_as_their_text():
    assert str(StoryFigure(text="5.34万人")) == "5.34万人"
    assert str(Pledge(title="新建幼儿园30所")) == "新建幼儿园30所"
    assert str(PledgeEvent(pledge_id=3, status="kept")) == "3: kept"


def test_a_new_pledge_is_not_rated_and_a_new_figure_waits_for_the_desk():
    assert Pledge().status == "not_rated"
    assert StoryFigure().state == "suggested"
