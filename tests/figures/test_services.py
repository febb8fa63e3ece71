"""chenbao.figures.services and selectors: figures from stories, indicators, pledges."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from chenbao.core.roles import DATA_DESK, REPORTER
from chenbao.figures import selectors, services
from chenbao.figures import status as s
from chenbao.figures.models import FigureState, Pledge, StoryFigure
from tests.factories import user_make
from tests.figures.world import BODY_2022, story_of, timeline_world

pytestmark = pytest.mark.django_db
SEED = Path(__file__).resolve().parents[2] / "tests/fixtures/pages/reference-2022-12-02-A02.txt"


@pytest.fixture
def desk():
    return user_make(DATA_DESK)


def test_extraction_stores_figures_with_their_reading(desk):
    story = story_of(BODY_2022)
    figures = services.story_figures_extract(story=story)
    assert [f.text for f in figures] == ["5.34万人", "42所", "186部", "200部"]
    assert figures[0].value == Decimal("53400") and figures[0].place == "全市"
    assert figures[3].kind == "target"
    assert figures[2].cumulative
    assert all(f.state == FigureState.SUGGESTED for f in figures)


def test_reextraction_keeps_what_the_desk_decided(desk):
    story = story_of(BODY_2022)
    first = services.story_figures_extract(story=story)
    services.figure_correct(figure=first[1], user=desk, value="43")
    services.figure_reject(figure=first[0], user=desk)
    again = services.story_figures_extract(story=story)
    assert [f.text for f in again] == ["186部", "200部"]
    kept = StoryFigure.objects.get(pk=first[1].pk)
    assert kept.value == 43 and kept.corrected and Decimal(kept.extracted["value"]) == 42
    assert StoryFigure.objects.filter(story=story).count() == 4


def test_suggests_and_confirms_indicators(desk):
    lifts = services.indicator_create(name="加装电梯", place="淄博", unit="部", user=desk)
    figures = services.story_figures_extract(story=story_of(BODY_2022))
    assert figures[2].indicator == lifts  # same place (dateline), unit, similar phrase
    assert figures[0].indicator is None
    jobs = services.indicator_create(name="城镇新增就业", place="全市", unit="人", user=desk)
    with pytest.raises(ValidationError, match="单位不一致"):
        services.figure_confirm(figure=figures[2], indicator=jobs, user=desk)


def test_pledge_status_proposed_set_and_kept_in_timeline(desk):
    lifts, old, new = timeline_world(desk)
    target = StoryFigure.objects.get(story=old, kind="target")
    pledge = services.pledge_create(
        title="加装电梯200部",
        owner="市住建局",
        place="淄博",
        deadline=dt.date(2023, 12, 31),
        target_value=target.value,
        unit="部",
        indicator=lifts,
        source_figure=target,
        user=desk,
    )
    proposal = selectors.pledge_proposal(pledge, today=dt.date(2023, 6, 1))
    assert proposal.status == s.EXCEEDED  # 217 of 200
    with pytest.raises(ValidationError, match="依据"):
        services.pledge_status_set(pledge=pledge, status=s.EXCEEDED, note="", user=desk)
    evidence = StoryFigure.objects.get(story=new, value=217)
    services.pledge_status_set(
        pledge=pledge, status=s.EXCEEDED, note="见报217部", evidence=evidence, user=desk
    )
    assert [e.status for e in pledge.events.all()] == [s.NOT_RATED, s.EXCEEDED]
    with pytest.raises(PermissionDenied):
        services.pledge_status_set(
            pledge=pledge, status=s.BROKEN, note="x", user=user_make(REPORTER)
        )


def test_import_reads_the_figures(desk):
    from chenbao.archive.importer import page_import
    from chenbao.archive.pagetext import parse_page

    page = parse_page(SEED.read_text("utf-8"))
    page_import(page=page, date=dt.date(2022, 12, 2), number="A02", name="要闻", section="要闻")
    texts = set(StoryFigure.objects.values_list("text", flat=True))
    assert {"超1万间", "11.06亿元", "5.34万人", "列全省第三位"} <= texts


def test_csv_import_all_or_nothing(desk):
    good = "承诺,责任单位,地方,期限,承诺数值,单位\n新建幼儿园30所,市教育局,淄博,2023-12-31,30,所\n"
    pledges = services.pledges_import_csv(data=good.encode(), source="2023年民生实事", user=desk)
    assert pledges[0].target_value == 30 and pledges[0].deadline == dt.date(2023, 12, 31)
    bad = good + "新建公园,市园林局,淄博,明年,10,处\n新增床位,,淄博,2023-12-31,abc,张\n"
    with pytest.raises(ValidationError) as info:
        services.pledges_import_csv(data=bad.encode(), source="x", user=desk)
    assert "第 3 行" in str(info.value) and "第 4 行" in str(info.value)
    assert Pledge.objects.count() == 1
    with pytest.raises(ValidationError, match="UTF-8"):
        services.pledges_import_csv(data=good.encode("gbk"), source="x", user=desk)


def test_a_misprinted_huge_number_does_not_break_extraction(desk):
    story = story_of([("paragraph", "投资9999万亿亿元,新建学校3所。")])
    figures = services.story_figures_extract(story=story)
    assert [f.text for f in figures] == ["3所"]
