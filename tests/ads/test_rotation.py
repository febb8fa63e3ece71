"""Public-service fill over a month: the same piece never runs on consecutive days."""

import datetime as dt

import pytest

from chenbao.ads.models import AdPlacement, AdSlot, PublicServiceAd
from chenbao.ads.services import edition_ads_place
from chenbao.editions.models import Edition, PrintedPage


@pytest.fixture
def library(db):
    pieces = [
        PublicServiceAd.objects.create(title=t, text=t, columns=6, height_mm=60, approved=True)
        for t in ("一盔一带 安全常在", "文明城市 人人共建", "节约粮食 光盘行动")
    ]
    PublicServiceAd.objects.create(
        title="未审定", text="x", columns=6, height_mm=60, approved=False
    )
    PublicServiceAd.objects.create(title="太宽", text="x", columns=8, height_mm=60, approved=True)
    return pieces


def month_of_editions(pages=("A01", "A02")):
    for day in range(1, 32):
        edition = Edition.objects.create(date=dt.date(2022, 12, day))
        for number in pages:
            PrintedPage.objects.create(edition=edition, number=number)
        yield edition


def runs_by_date():
    runs: dict[dt.date, set[int]] = {}
    for date, piece in AdPlacement.objects.values_list(
        "page__edition__date", "public_service_ad_id"
    ):
        runs.setdefault(date, set()).add(piece)
    return runs


def test_one_slot_a_day_rotates_without_repeating_on_consecutive_days(library):
    AdSlot.objects.create(page_number="A02", position="bottom", columns=6, height_mm=60)
    for edition in month_of_editions():
        assert edition_ads_place(edition=edition).problems == []
    runs = runs_by_date()
    dates = sorted(runs)
    assert len(dates) == 31
    for today, tomorrow in zip(dates, dates[1:], strict=False):
        assert not runs[today] & runs[tomorrow], (today, runs[today])
    used = [piece for date in dates for piece in runs[date]]
    assert set(used) == {p.pk for p in library}  # only approved pieces that fit, all of them
    assert max(used.count(p.pk) for p in library) - min(used.count(p.pk) for p in library) <= 1


def test_two_slots_a_day_use_different_pieces_and_still_never_repeat(library):
    AdSlot.objects.create(page_number="A01", position="bottom", columns=6, height_mm=60)
    AdSlot.objects.create(page_number="A02", position="bottom", columns=6, height_mm=80)
    problems = []
    for edition in month_of_editions():
        problems += edition_ads_place(edition=edition).problems
    runs = runs_by_date()
    for date in sorted(runs):
        following = date + dt.timedelta(days=1)
        assert not runs[date] & runs.get(following, set())
    # Three pieces, two slots a day, no piece two days running: some days one slot waits.
    assert all("没有可轮换的公益广告" in p for p in problems)
    assert sum(len(r) for r in runs.values()) + len(problems) == 62


def test_a_single_piece_runs_every_other_day(db):
    PublicServiceAd.objects.create(title="独一份", text="x", columns=6, height_mm=60, approved=True)
    AdSlot.objects.create(page_number="A02", position="bottom", columns=6, height_mm=60)
    for edition in month_of_editions():
        edition_ads_place(edition=edition)
    assert sorted(d.day for d in runs_by_date()) == list(range(1, 32, 2))
