"""The weekly digest: overdue pledges, this week's ratings, figures waiting for the desk."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from chenbao.core.roles import DATA_DESK, REPORTER
from chenbao.figures import services
from chenbao.figures import status as s
from chenbao.figures.digest import digest_mail, weekly_digest
from chenbao.figures.models import PledgeEvent
from tests.factories import user_make
from tests.figures.world import BODY_2022, story_of

pytestmark = pytest.mark.django_db


def test_the_digest_lists_overdue_pledges_ratings_and_waiting_figures():
    desk = user_make(DATA_DESK)
    today = timezone.localdate()
    services.pledge_create(
        title="新建公园10处",
        owner="市园林局",
        place="淄博",
        deadline=today - dt.timedelta(days=30),
        user=desk,
    )
    rated = services.pledge_create(
        title="新建幼儿园30所", owner="市教育局", place="淄博", user=desk
    )
    services.pledge_status_set(pledge=rated, status=s.IN_PROGRESS, note="开工", user=desk)
    services.story_figures_extract(story=story_of(BODY_2022))
    lines = weekly_digest(today).splitlines()
    since = today - dt.timedelta(days=7)
    assert lines[0] == f"数说与承诺 · 周报（{since:%Y-%m-%d} 至 {today:%Y-%m-%d}）"
    assert "逾期待核：1 项" in lines
    assert f"  · 新建公园10处（市园林局，期限 {today - dt.timedelta(days=30):%Y-%m-%d}）" in lines
    rated_lines = [line for line in lines if "新建幼儿园30所 →" in line]
    assert "  · 新建幼儿园30所 → 推进中" in rated_lines
    assert lines[-1] == "待确认的报道数据：4 个"


def test_ratings_older_than_a_week_are_left_out():
    desk = user_make(DATA_DESK)
    pledge = services.pledge_create(
        title="新建幼儿园30所", owner="市教育局", place="淄博", user=desk
    )
    services.pledge_status_set(pledge=pledge, status=s.IN_PROGRESS, note="开工", user=desk)
    PledgeEvent.objects.update(at=timezone.now() - dt.timedelta(days=8))
    text = weekly_digest(timezone.localdate())
    assert "本周评定：0 次" in text and "新建幼儿园30所" not in text


def test_the_digest_goes_to_data_desk_editors_with_an_address_only():
    user_make(DATA_DESK, email=True, username="data_a")
    user_make(DATA_DESK, username="data_no_mail")
    user_make(REPORTER, email=True)
    assert digest_mail("周报标题\n正文") == 1
    (message,) = mail.outbox
    assert message.subject == "周报标题" and message.to == ["data_a@paper.example"]


def test_no_mail_is_sent_when_nobody_can_receive_it():
    user_make(DATA_DESK)
    assert digest_mail("周报标题\n正文") == 0
    assert mail.outbox == []
