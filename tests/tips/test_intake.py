"""Tips coming in: the receipt, limits on text and files, the band keys stored with a tip."""

import pytest

from chenbao.core.models import AuditEntry
from chenbao.tips import receipts, similarity
from chenbao.tips.models import Tip, TipContact, TipFile
from chenbao.tips.selectors import tip_by_receipt
from chenbao.tips.services import (
    TipError,
    Upload,
    group_chat_import,
    hotline_intake,
    tip_contact_reveal,
    tip_message_add,
    tip_reply,
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


def test_too_long_text_and_too_many_files_are_refused_clearly(submit, photo, settings):
    with pytest.raises(TipError, match="最多 5000 个字"):
        submit(text="长" * 5001)
    with pytest.raises(TipError, match="最多上传 9 个"):
        submit(uploads=[Upload(photo)] * 10)
    with pytest.raises(TipError, match="只能上传照片或视频"):
        submit(uploads=[Upload(b"#!/bin/sh\nrm -rf /\n")])
    assert Tip.objects.count() == 0 and TipFile.objects.count() == 0


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


def test_a_tip_saying_enough_is_complete_and_a_short_one_is_not(submit):
    long_enough, _ = submit(
        text="张店区华光路万象汇地下车库今天早上大面积积水，好几十辆车被淹，物业一直没人来管。"
    )
    short, _ = submit(text="路口撞车了，有人受伤。")
    assert long_enough.complete and not short.complete


def test_blank_text_and_a_phone_number_that_is_not_one_are_refused(submit):
    with pytest.raises(TipError, match="请填写内容"):
        submit(text=" \x00 ")
    with pytest.raises(TipError, match="手机号格式不对"):
        submit(contact_phone="call me")
    with pytest.raises(TipError, match="微信号太长了"):
        submit(contact_wechat="w" * 41)
    assert not Tip.objects.exists()


def test_a_tip_without_a_contact_stores_no_contact_row(submit):
    tip, _ = submit()
    assert not TipContact.objects.filter(tip=tip).exists()


def test_the_tipsters_reply_reopens_the_conversation_for_the_desk(submit, desk):
    tip, _ = submit()
    tip_reply(user=desk, tip=tip, text="请问具体几点？")
    message = tip_message_add(tip=tip, text="  大概早上七点半  ")
    tip.refresh_from_db()
    assert message.sender == "tipster" and message.text == "大概早上七点半"
    assert not tip.answered
    with pytest.raises(TipError, match="请填写内容或选择文件"):
        tip_message_add(tip=tip, text="   ")


def test_a_hotline_call_is_a_tip_with_the_callers_number_and_an_audit_entry(desk):
    tip, code = hotline_intake(
        user=desk,
        caller_number="0533-2270000",
        caller_name="李先生",
        text="张店区华光路一小区地下车库进水，几十辆车被淹，物业无人处理。",
    )
    assert tip.channel == "hotline" and len(code) == 16
    assert tip_contact_reveal(user=desk, tip=tip)["name"] == "李先生"
    entry = AuditEntry.objects.get(action="tip.intake")
    assert entry.actor == desk and entry.detail == {"channel": "hotline"}


def test_a_broken_chat_export_is_refused_as_a_tip_error(desk):
    with pytest.raises(TipError):
        group_chat_import(user=desk, export="这不是聊天记录")
    assert not Tip.objects.exists()
