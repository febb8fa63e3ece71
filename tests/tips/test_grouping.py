"""Near-duplicate grouping: the submission path's lookup against the exact scan, the
per-process index and its window, and the desk's split."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.conf import settings

from chenbao.tips import lsh, services, similarity
from chenbao.tips.models import Tip, TipGroup
from chenbao.tips.services import grouping, tip_group_split, tip_submit

pytestmark = pytest.mark.django_db
DATA = json.loads((Path(__file__).parent / "data" / "near_duplicates.json").read_text("utf-8"))
TEXTS = [t for texts in DATA["events"] for t in texts]


def exact_groups() -> list[int]:
    return lsh.group_sequentially(
        [similarity.pack(similarity.signature(t)) for t in TEXTS],
        threshold=settings.CHENBAO["TIP_DUPLICATE_THRESHOLD"],
        estimate=similarity.estimate_packed,
    )


@pytest.mark.parametrize("fresh_process", [False, True])
def test_submitted_tips_are_grouped_as_the_exact_scan_groups_them(fresh_process):
    tips = []
    for text in TEXTS:
        if fresh_process:  # every tip in a process that builds its index from the database
            grouping._recent.clear()
        tips.append(tip_submit(text=text)[0])
    exact = exact_groups()
    stored = [tip.group_id for tip in tips]
    # The same partition: each scan group is one stored group and the other way round.
    assert len(set(zip(exact, stored, strict=True))) == len(set(exact)) == len(set(stored))
    assert len(set(stored)) < len(TEXTS)  # there are duplicates: the test can fail


def test_the_lookup_reads_only_tips_sharing_a_key(monkeypatch):
    for text in TEXTS:
        tip_submit(text=text)
    compared = []
    real = similarity.estimate_packed
    monkeypatch.setattr(
        similarity, "estimate_packed", lambda a, b: compared.append(b) or real(a, b)
    )
    tip_submit(text="华光路上的菊花今天全开了，好多人拍照。")
    assert len(compared) < len(TEXTS) / 4


def test_a_burst_costs_a_bounded_number_of_comparisons(monkeypatch):
    """Hundreds of retellings share the new tip's keys; it compares at most CANDIDATES of
    them, and still joins their group."""
    burst = [
        tip_submit(text=f"淄河大桥塌了！第{n}个目击者：桥中间断开，好几辆车掉进河里。")[0]
        for n in range(80)
    ]
    assert len({t.group_id for t in burst}) == 1
    compared = []
    real = similarity.estimate_packed
    monkeypatch.setattr(
        similarity, "estimate_packed", lambda a, b: compared.append(b) or real(a, b)
    )
    tip, _ = tip_submit(text="淄河大桥塌了，桥中间断开，有车掉进河里，快来人！")
    assert 0 < len(compared) <= grouping._RecentSignatures.CANDIDATES
    assert tip.group_id == burst[0].group_id


def test_the_window_is_pruned_when_its_oldest_tip_leaves(monkeypatch):
    import datetime as dt

    from django.utils import timezone

    old, _ = tip_submit(text="华光路菜市场门口的下水道堵了，污水漫到路上，味道很大。")
    tip_submit(text="人民公园的菊花展今天开幕，不要门票。")
    assert old.pk in grouping._recent.rows and grouping._recent.oldest is not None
    later = timezone.now() + dt.timedelta(days=8)
    monkeypatch.setattr(grouping.timezone, "now", lambda: later)
    new, _ = tip_submit(text="华光路菜市场门口下水道堵了，污水都漫到路上了，很臭。")
    assert new.group_id != old.group_id  # the old tip has left the window
    assert not grouping._recent.rows and grouping._recent.oldest is None


def test_a_worker_builds_its_index_before_its_first_request():
    for text in TEXTS[:5]:
        tip_submit(text=text)
    grouping._recent.clear()
    assert services.recent_index_warm() == 5 and len(grouping._recent.rows) == 5


def test_threads_of_one_worker_share_the_index_without_rebuilding_it(monkeypatch, transactional_db):
    """gthread workers: concurrent submissions refresh the index one at a time, so none
    sees another's newest tip as gone and starts the index again."""
    import threading

    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("SQLite's shared in-memory test database locks tables across threads")
    for text in TEXTS[:3]:
        tip_submit(text=text)
    cleared = []
    real_clear = grouping._RecentSignatures.clear
    monkeypatch.setattr(
        grouping._RecentSignatures, "clear", lambda self: cleared.append(1) or real_clear(self)
    )
    sig = similarity.signature(TEXTS[0])
    keys = lsh.band_keys(sig)
    barrier = threading.Barrier(8)
    failures = []

    def look():
        from django.db import connection

        barrier.wait()
        try:
            for _ in range(20):
                grouping.similar_tips_find(sig, keys)
                tip_submit(text=TEXTS[3])  # new rows arrive while others read
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=look) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == [] and cleared == []


def test_signature_cache_notices_rows_that_went_away(submit):
    # A rolled-back transaction (or a restored backup) can give a new tip the id of one the
    # process still holds in its cache: the cache must start again, not group by the old text.
    crash = "东风路与柳泉路交叉口今早两车相撞，一人受伤，交警已在现场处置。"
    a, _ = submit(text=crash)
    submit(text="人民公园的菊花展今天开幕，展出三百多个品种，免费参观。")  # caches a
    created = a.created_at
    Tip.objects.all().delete()
    reused = Tip.objects.create(
        pk=a.pk,
        text="华光路的路灯坏了一排，晚上很黑。",
        group=TipGroup.objects.create(),
        receipt_index="x" * 8,
        receipt_hash="x",
        minhash=similarity.signature("华光路的路灯坏了一排，晚上很黑。"),
    )
    assert reused.created_at != created
    c, _ = submit(text=crash)
    assert c.group_id != reused.group_id


def test_tips_older_than_the_window_are_not_grouped(submit, settings):
    from chenbao.tips.services import grouping

    crash = "东风路与柳泉路交叉口今早两车相撞，一人受伤，交警已在现场处置。"
    old, _ = submit(text=crash)
    days = settings.CHENBAO["TIP_DUPLICATE_WINDOW_DAYS"]
    Tip.objects.filter(pk=old.pk).update(created_at=old.created_at - dt.timedelta(days=days + 1))
    grouping._recent.clear()  # a process that starts now
    new, _ = submit(text=crash)
    assert new.group_id != old.group_id
    assert old.pk not in grouping._recent.rows


def test_a_tip_marked_spam_groups_nothing(submit):
    crash = "东风路与柳泉路交叉口今早两车相撞，一人受伤，交警已在现场处置。"
    spam, _ = submit(text=crash)
    Tip.objects.filter(pk=spam.pk).update(status="spam")  # after this process indexed it
    new, _ = submit(text=crash)
    assert new.group_id != spam.group_id


def test_near_duplicates_join_one_group_and_can_be_split(submit, desk):
    a, _ = submit(text="东风路与柳泉路交叉口今早两车相撞，一人受伤，交警已在现场处置。")
    b, _ = submit(text="今早东风路柳泉路路口两辆车撞了，有一人受伤，交警正在现场处理。")
    c, _ = submit(text="人民公园的菊花展今天开幕，展出三百多个品种，免费参观。")
    assert a.group_id == b.group_id != c.group_id
    group = tip_group_split(user=desk, tip=b)
    b.refresh_from_db()
    assert b.group == group != a.group
