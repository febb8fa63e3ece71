"""A printed page goes to print (付印) only after 三审 of its stories and 三校 of its proof."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from chenbao.core.roles import AD_DESK, PAGE_EDITOR, PROOFREADER
from chenbao.editions.models import Edition, PrintedPage, PrintRelease, ProofRound, StoryPlacement
from chenbao.editions.selectors import page_can_go_to_print
from chenbao.editions.services.proofs import page_send_to_print, proof_round_record
from chenbao.stories.services import StoryData, story_update_draft


@pytest.fixture
def printed_page(published):
    import datetime as dt

    edition = Edition.objects.create(date=dt.date(2026, 12, 2))
    page = PrintedPage.objects.create(edition=edition, number="A03", name="本地")
    StoryPlacement.objects.create(page=page, story=published, sort_order=1)
    return page


def test_page_goes_to_print_after_three_proof_rounds(printed_page, make_user):
    proofreader = make_user("qian_proof", PROOFREADER)
    ok, reasons = page_can_go_to_print(printed_page)
    assert not ok and reasons == ["尚未一校", "尚未二校", "尚未三校"]
    proof_round_record(page=printed_page, user=proofreader, corrections="“学位”误作“学为”")
    proof_round_record(page=printed_page, user=proofreader)
    assert page_can_go_to_print(printed_page) == (False, ["尚未三校"])
    proof_round_record(page=printed_page, user=proofreader)
    assert page_can_go_to_print(printed_page) == (True, [])
    assert list(ProofRound.objects.filter(page=printed_page).values_list("number", flat=True)) == [
        1,
        2,
        3,
    ]
    with pytest.raises(ValidationError):
        proof_round_record(page=printed_page, user=proofreader)


def test_only_proofreaders_record_proof_rounds(printed_page, desk):
    with pytest.raises(PermissionDenied):
        proof_round_record(page=printed_page, user=desk["reporter"])


def test_a_story_changed_after_final_review_holds_the_page(printed_page, desk, make_user):
    proofreader = make_user("qian_proof", PROOFREADER)
    for _ in range(3):
        proof_round_record(page=printed_page, user=proofreader)
    story = printed_page.story_placements.get().story
    story_update_draft(
        story=story,
        data=StoryData(headline="改过的标题"),
        user=desk["reporter"],
    )
    ok, reasons = page_can_go_to_print(printed_page)
    assert not ok and reasons == ["《淄博今年新建改扩建幼儿园42所》未通过终审"]


def test_archive_stories_have_not_passed_review(reference_page):
    ok, reasons = page_can_go_to_print(reference_page)
    assert not ok
    assert any("未通过终审" in r for r in reasons)


def test_proofs_admin_page_lists_pages_and_records_a_round(printed_page, make_user):
    client = Client()
    client.force_login(make_user("qian_proof", PROOFREADER))
    html = client.get("/admin/proofs/").content.decode()
    assert "A03" in html and "尚未一校" in html
    response = client.post(f"/admin/proofs/{printed_page.pk}/", {"corrections": "第3段 错字"})
    assert response.status_code == 302
    assert ProofRound.objects.get(page=printed_page).corrections == "第3段 错字"
    client.force_login(make_user("ad_person", AD_DESK))
    assert client.get("/admin/proofs/")["Location"] == "/admin/"  # refused


def test_send_to_print_is_refused_until_the_page_is_ready(printed_page, desk, make_user):
    from chenbao.core.models import AuditEntry

    page_editor = make_user("zhou_pages", PAGE_EDITOR)
    with pytest.raises(ValidationError, match="尚未一校"):
        page_send_to_print(page=printed_page, user=page_editor)
    proofreader = make_user("qian_proof", PROOFREADER)
    for _ in range(3):
        proof_round_record(page=printed_page, user=proofreader)
    with pytest.raises(PermissionDenied):
        page_send_to_print(page=printed_page, user=proofreader)
    release = page_send_to_print(page=printed_page, user=page_editor)
    assert release.released_by == page_editor
    assert AuditEntry.objects.filter(action="page.send_to_print").count() == 1
    with pytest.raises(ValidationError, match="已经付印"):
        page_send_to_print(page=printed_page, user=page_editor)
    assert PrintRelease.objects.count() == 1


def test_proofs_admin_page_sends_a_ready_page_to_print(printed_page, make_user):
    proofreader = make_user("qian_proof", PROOFREADER)
    for _ in range(3):
        proof_round_record(page=printed_page, user=proofreader)
    client = Client()
    client.force_login(make_user("zhou_pages", PAGE_EDITOR))
    assert "签发付印" in client.get("/admin/proofs/").content.decode()
    response = client.post(f"/admin/proofs/{printed_page.pk}/print/")
    assert response.status_code == 302
    assert "已付印" in client.get("/admin/proofs/").content.decode()


def test_archive_page_cannot_be_sent_to_print(reference_page, make_user):
    with pytest.raises(ValidationError, match="未通过终审"):
        page_send_to_print(page=reference_page, user=make_user("zhou", PAGE_EDITOR))
