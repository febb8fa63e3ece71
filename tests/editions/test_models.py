"""Editions, printed pages, slots, proof rounds and releases as stored (models.py)."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from chenbao.editions.models import (
    Edition,
    PageSlot,
    PrintedPage,
    PrintRelease,
    ProofRound,
    ProofRoundNumber,
)


def test_an_editions_weekday_is_written_in_chinese():
    days = [Edition(date=dt.date(2022, 11, 28) + dt.timedelta(days=i)).weekday for i in range(7)]
    assert days == ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]


def test_a_page_has_a_banner_when_it_prints_a_hotline_or_banner_lines():
    assert not PrintedPage(tipline_qr_url="https://t/", tipline_qr_caption="扫码").has_tipline
    assert PrintedPage(tipline_hotline="3585000").has_tipline
    assert PrintedPage(tipline_lines="边聊边爆料").has_tipline


def test_the_banner_lines_are_its_non_blank_lines_in_order():
    page = PrintedPage(tipline_lines="手机扫一扫\n\n  \n新闻热线 3585000\r\n奖励")
    assert page.tipline_line_list == ["手机扫一扫", "新闻热线 3585000", "奖励"]
    assert PrintedPage().tipline_line_list == []


@pytest.mark.django_db
def test_names_read_as_the_newsroom_says_them(settings):
    settings.CHENBAO = {**settings.CHENBAO, "PAPER_NAME": "鲁中晨报"}
    edition = Edition.objects.create(date=dt.date(2022, 12, 2))
    assert str(edition) == "鲁中晨报 2022-12-02"
    page = PrintedPage.objects.create(edition=edition, number="A02", name="要闻")
    assert str(page) == "鲁中晨报 2022-12-02 A02 要闻"
    assert str(PrintedPage(edition=edition, number="A03")) == "鲁中晨报 2022-12-02 A03"
    assert str(PageSlot(page=page, key="头条")) == "鲁中晨报 2022-12-02 A02 要闻 头条"
    assert str(PageSlot(page=page, kind="weather")) == "鲁中晨报 2022-12-02 A02 要闻 天气预报"
    proof = ProofRound(page=page, number=ProofRoundNumber.SECOND, proofreader_name="张敏")
    assert str(proof) == "鲁中晨报 2022-12-02 A02 要闻 二校"
    release = PrintRelease(page=page, released_at=dt.datetime(2022, 12, 1, 23, 5, tzinfo=dt.UTC))
    assert str(release) == "鲁中晨报 2022-12-02 A02 要闻 2022-12-01 23:05"


@pytest.mark.django_db
def test_a_paper_has_one_edition_a_day_and_an_edition_one_page_of_a_number():
    edition = Edition.objects.create(paper="鲁中晨报", date=dt.date(2022, 12, 2))
    Edition.objects.create(paper="淄博晚报", date=dt.date(2022, 12, 2))
    with transaction.atomic(), pytest.raises(IntegrityError):
        Edition.objects.create(paper="鲁中晨报", date=dt.date(2022, 12, 2))
    PrintedPage.objects.create(edition=edition, number="A02")
    with transaction.atomic(), pytest.raises(IntegrityError):
        PrintedPage.objects.create(edition=edition, number="A02")


@pytest.mark.django_db
def test_a_reward_range_upside_down_is_refused_by_the_database():
    edition = Edition.objects.create(date=dt.date(2022, 12, 2))
    PrintedPage.objects.create(edition=edition, number="A01", tipline_reward_min=50)
    PrintedPage.objects.create(
        edition=edition, number="A02", tipline_reward_min=50, tipline_reward_max=50
    )
    with transaction.atomic(), pytest.raises(IntegrityError):
        PrintedPage.objects.create(
            edition=edition, number="A03", tipline_reward_min=80, tipline_reward_max=50
        )


@pytest.mark.django_db
def test_a_page_has_one_proof_round_of_each_number():
    page = PrintedPage.objects.create(
        edition=Edition.objects.create(date=dt.date(2022, 12, 2)), number="A02"
    )
    ProofRound.objects.create(page=page, number=1, proofreader_name="张敏")
    with transaction.atomic(), pytest.raises(IntegrityError):
        ProofRound.objects.create(page=page, number=1, proofreader_name="李华")
    ProofRound.objects.create(page=page, number=3, proofreader_name="李华")
    assert [r.number for r in page.proof_rounds.all()] == [1, 3]
