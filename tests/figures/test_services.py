"""chenbao.figures.services and selectors: figures from stories, indicators, pledges."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from chenbao.core.roles import CHIEF_EDITOR, DATA_DESK, EDITOR, REPORTER
from chenbao.figures import selectors, services
from chenbao.figures import status as s
from chenbao.figures.models import FigureState, Pledge, StoryFigure
from tests.factories import story_make, user_make

pytestmark = pytest.mark.django_db
SEED = Path(__file__).resolve().parents[2] / "tests/fixtures/pages/reference-2022-12-02-A02.txt"

BODY_2022 = [
    ("paragraph", "今年,全市城镇新增就业5.34万人。年内新改扩建幼儿园42所。"),
    ("subhead", "居住品质"),
    ("paragraph", "累计加装电梯186部,力争明年加装电梯200部。"),
]
BODY_2023 = [("paragraph", "截至目前,全市累计加装电梯217部,城镇新增就业5.6万人。")]


def _story(body, live=True, title="民生"):
    return story_make(title=title, live=live, dateline="淄博12月1日", body=body)


@pytest.fixture
def desk():
    return user_make(DATA_DESK)


def test_extraction_stores_figures_with_their_reading(desk):
    story = _story(BODY_2022)
    figures = services.story_figures_extract(story=story)
    assert [f.text for f in figures] == ["5.34万人", "42所", "186部", "200部"]
    assert figures[0].value == Decimal("53400") and figures[0].place == "全市"
    assert figures[3].kind == "target"
    assert figures[2].cumulative
    assert all(f.state == FigureState.SUGGESTED for f in figures)


def test_reextraction_keeps_what_the_desk_decided(desk):
    story = _story(BODY_2022)
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
    figures = services.story_figures_extract(story=_story(BODY_2022))
    assert figures[2].indicator == lifts  # same place (dateline), unit, similar phrase
    assert figures[0].indicator is None
    jobs = services.indicator_create(name="城镇新增就业", place="全市", unit="人", user=desk)
    with pytest.raises(ValidationError, match="单位不一致"):
        services.figure_confirm(figure=figures[2], indicator=jobs, user=desk)


def _timeline_world(desk):
    lifts = services.indicator_create(name="加装电梯", place="淄博", unit="部", user=desk)
    old, new = _story(BODY_2022, title="旧"), _story(BODY_2023, title="新")
    for story in (old, new):
        for f in services.story_figures_extract(story=story):
            if f.indicator_id == lifts.pk:
                services.figure_confirm(figure=f, indicator=lifts, user=desk)
    return lifts, old, new


def test_timeline_and_withdrawn_stories(desk):
    lifts, old, new = _timeline_world(desk)
    values = [p.figure.value for p in selectors.indicator_timeline(lifts)]
    assert sorted(values) == [186, 200, 217]
    from chenbao.stories.services import story_withdraw

    story_withdraw(story=new, user=user_make(CHIEF_EDITOR), reason="数据有误")
    values = [p.figure.value for p in selectors.indicator_timeline(lifts)]
    assert sorted(values) == [186, 200]


def test_pledge_status_proposed_set_and_kept_in_timeline(desk):
    lifts, old, new = _timeline_world(desk)
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


def test_reviewer_sees_contradictions_beside_figures(desk):
    lifts, old, new = _timeline_world(desk)
    draft = _story([("paragraph", "全市累计加装电梯150部,力争明年加装电梯260部。")], live=False)
    checked = selectors.story_check(draft)
    by_text = {c.figure.text: c for c in checked}
    assert by_text["150部"].indicator == lifts
    assert "累计数小于" in by_text["150部"].warning and by_text["150部"].last.value == 217
    assert "目标与此前报道不同" in by_text["260部"].warning
    said = _story([("paragraph", "目标调整为明年加装电梯260部。")], live=False, title="调整")
    assert selectors.story_check(said)[0].warning == ""


def test_story_check_page(client, desk):
    lifts, old, new = _timeline_world(desk)
    draft = _story([("paragraph", "全市累计加装电梯150部。")], live=False, title="草稿")
    client.force_login(desk)
    page = client.get(f"/admin/figures/story/{draft.pk}/").content.decode()
    assert "figure-warning" in page and "累计数小于此前已报道的 217部" in page


def test_story_editor_shows_contradictions_to_the_reviewer(client, desk):
    """The 初审 editor sees the warning in the story editor itself, above the text."""
    _timeline_world(desk)
    draft = _story([("paragraph", "全市累计加装电梯150部。")], live=False, title="草稿")
    client.force_login(user_make(EDITOR))
    page = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert 'class="review-aid"' in page and "累计数小于此前已报道的 217部" in page
    assert f"/admin/figures/story/{draft.pk}/" in page
    quiet = _story([("paragraph", "全市累计加装电梯300部。")], live=False, title="无矛盾")
    assert "review-aid" not in client.get(f"/admin/pages/{quiet.pk}/edit/").content.decode()


def test_digest_and_reread_commands(desk):
    from io import StringIO

    from django.core import mail
    from django.core.management import CommandError, call_command

    services.pledge_create(
        title="新建公园10处",
        owner="市园林局",
        place="淄博",
        deadline=dt.date(2023, 1, 1),
        user=desk,
    )
    _story(BODY_2022)
    out = StringIO()
    call_command("figures", "digest", "--date", "2023-06-01", stdout=out)
    text = out.getvalue()
    assert "逾期待核：1 项" in text and "新建公园10处" in text
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("figures", "digest", "--date", "明天", stdout=StringIO())
    # --mail sends it to the data desk's editors who have an address, and no one else
    user_make(DATA_DESK, email=True)
    user_make(REPORTER, email=True)
    out = StringIO()
    call_command("figures", "digest", "--date", "2023-06-01", "--mail", stdout=out)
    assert "已发给数据编辑 1 人" in out.getvalue()
    assert len(mail.outbox) == 1 and "新建公园10处" in mail.outbox[0].body
    assert all(a.startswith("data_desk") for a in mail.outbox[0].to)
    out = StringIO()
    call_command("figures", "reread", stdout=out, stderr=StringIO())
    assert "重读 1 篇稿件，得到待确认数据 4 个" in out.getvalue()


def test_a_misprinted_huge_number_does_not_break_extraction(desk):
    story = _story([("paragraph", "投资9999万亿亿元,新建学校3所。")])
    figures = services.story_figures_extract(story=story)
    assert [f.text for f in figures] == ["3所"]
