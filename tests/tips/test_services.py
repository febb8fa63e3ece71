"""Tip services: submission, receipts, the workflow, contact encryption, audit."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from chenbao.core.models import AuditEntry
from chenbao.core.roles import AD_DESK
from chenbao.tips import receipts, similarity
from chenbao.tips.models import Tip, TipContact, TipFile, TipGroup
from chenbao.tips.selectors import access_tip, tip_by_receipt
from chenbao.tips.services import (
    TipError,
    Upload,
    tip_assign,
    tip_contact_reveal,
    tip_group_split,
    tip_status_change,
)

pytestmark = pytest.mark.django_db


def test_submit_returns_a_16_digit_receipt_stored_only_as_a_hash(submit):
    tip, code = submit(contact_phone="13905331234")
    assert len(code) == 16 and code.isdigit()
    tip.refresh_from_db()
    assert code not in tip.receipt_hash and tip.receipt_hash.startswith("$argon2id$")
    assert tip_by_receipt(code) == tip
    assert tip_by_receipt(receipts.receipt_format(code)) == tip  # spaces allowed
    assert tip_by_receipt("0" * 16) is None
    assert tip_by_receipt("not a code") is None


def test_receipt_lookup_uses_the_index_not_a_scan(submit, django_assert_max_num_queries):
    tips = [submit(text=f"第{i}条爆料：某小区门口积水很深，车辆无法通行。") for i in range(5)]
    tip, code = tips[3]
    with django_assert_max_num_queries(2):
        assert tip_by_receipt(code) == tip


def test_contact_is_encrypted_and_reveal_is_audited(submit, desk):
    tip, _ = submit(contact_phone="13905331234", contact_wechat="zhang_san88")
    row = TipContact.objects.get(tip=tip)
    assert "13905331234" not in row.phone_enc and "zhang_san88" not in row.wechat_enc
    assert tip_contact_reveal(user=desk, tip=tip) == {
        "phone": "13905331234",
        "wechat": "zhang_san88",
        "name": "",
    }
    entry = AuditEntry.objects.get(action="tip.contact_reveal")
    assert entry.actor == desk and entry.object_id == str(tip.pk)
    assert "13905331234" not in str(entry.detail)


def test_status_follows_the_workflow_and_is_audited(submit, desk):
    tip, _ = submit()
    tip = tip_status_change(user=desk, tip=tip, status="triaged")
    with pytest.raises(TipError, match="不能从"):
        tip_status_change(user=desk, tip=tip, status="used")
    tip_status_change(user=desk, tip=tip, status="verifying")
    tip = tip_status_change(user=desk, tip=tip, status="used")
    assert tip.status == "used"
    assert AuditEntry.objects.filter(action="tip.status").count() == 3


def test_reporter_sees_only_assigned_tips(submit, desk, reporter, make_user):
    mine, _ = submit()
    other, _ = submit(text="完全不同的另一件事：图书馆周末延长开放时间到晚上九点。")
    tip_assign(user=desk, tip=mine, reporter=reporter)
    assert access_tip(reporter, mine.pk) == mine
    with pytest.raises(Http404):
        access_tip(reporter, other.pk)
    assert access_tip(desk, other.pk) == other
    with pytest.raises(PermissionDenied):
        access_tip(make_user("ads", AD_DESK), mine.pk)


def test_too_long_text_and_too_many_files_are_refused_clearly(submit, photo, settings):
    with pytest.raises(TipError, match="最多 5000 个字"):
        submit(text="长" * 5001)
    with pytest.raises(TipError, match="最多上传 9 个"):
        submit(uploads=[Upload(photo)] * 10)
    with pytest.raises(TipError, match="只能上传照片或视频"):
        submit(uploads=[Upload(b"#!/bin/sh\nrm -rf /\n")])
    assert Tip.objects.count() == 0 and TipFile.objects.count() == 0


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


def test_a_tip_stores_its_band_keys(submit):
    from chenbao.tips import lsh

    tip, _ = submit()
    tip.refresh_from_db()
    assert lsh.keys_from_bytes(bytes(tip.lsh_keys)) == lsh.band_keys(tip.minhash)


def test_migration_fills_the_band_keys(submit):
    import importlib

    from django.apps import apps

    from chenbao.tips import lsh

    migration = importlib.import_module("chenbao.tips.migrations.0005_lsh_buckets")
    a, _ = submit()
    b, _ = submit(text="人民公园的菊花展今天开幕，展出三百多个品种，免费参观。")
    Tip.objects.update(lsh_keys=b"")
    Tip.objects.filter(pk=b.pk).update(minhash=[])  # a row whose signature is unusable
    migration.fill(apps, None)
    for tip in (a, b):
        tip.refresh_from_db()
        assert lsh.keys_from_bytes(bytes(tip.lsh_keys)) == lsh.band_keys(
            similarity.signature(tip.text)
        )


def test_near_duplicates_join_one_group_and_can_be_split(submit, desk):
    a, _ = submit(text="东风路与柳泉路交叉口今早两车相撞，一人受伤，交警已在现场处置。")
    b, _ = submit(text="今早东风路柳泉路路口两辆车撞了，有一人受伤，交警正在现场处理。")
    c, _ = submit(text="人民公园的菊花展今天开幕，展出三百多个品种，免费参观。")
    assert a.group_id == b.group_id != c.group_id
    group = tip_group_split(user=desk, tip=b)
    b.refresh_from_db()
    assert b.group == group != a.group
