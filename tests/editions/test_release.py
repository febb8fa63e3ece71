"""出版: every page laid out, the gates checked, and only then print released and published."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import InMemoryStorage
from django.test import Client

from chenbao.core.models import AuditEntry
from chenbao.core.roles import DUTY_CHIEF, PAGE_EDITOR, PROOFREADER, REPORTER
from chenbao.editions.models import Edition, PageSlot, PrintedPage, PrintRelease, StoryPlacement
from chenbao.editions.services.proofs import proof_round_record
from chenbao.editions.services.publish import edition_release


def newsroom_page(story) -> PrintedPage:
    """A page of one newsroom story above a public-service ad (which fills what is left)."""
    from chenbao.ads.models import AdKind
    from chenbao.ads.services import page_ads_store

    edition = Edition.objects.create(date=dt.date(2026, 12, 2))
    page = PrintedPage.objects.create(edition=edition, number="A03", name="本地")
    StoryPlacement.objects.create(page=page, story=story, sort_order=1)
    page_ads_store(page=page, ads=[(AdKind.PUBLIC_SERVICE, ["文明出行", "安全常在"])])
    return page


def proofed(page, make_user) -> None:
    proofreader = make_user("qian_proof", PROOFREADER)
    for _ in range(3):
        proof_round_record(page=page, user=proofreader)


def test_an_archive_edition_is_published_as_imported(reference_page, make_user):
    storage = InMemoryStorage()
    result = edition_release(
        edition=reference_page.edition, user=make_user("bm", PAGE_EDITOR), storage=storage
    )
    assert result.blocked == []
    assert storage.exists("2022-12-02/A02.pdf") and storage.exists("2022-12-02/manifest.json")
    assert AuditEntry.objects.filter(action="edition.release").exists()
    assert not PrintRelease.objects.exists()  # printed long ago: not sent to print again


def test_a_newsroom_edition_waits_for_its_proofs_then_goes_out(published, make_user):
    page = newsroom_page(published)
    chief = make_user("duty", DUTY_CHIEF)
    storage = InMemoryStorage()
    refused = edition_release(edition=page.edition, user=chief, storage=storage)
    assert refused.blocked == ["A03版：尚未一校", "A03版：尚未二校", "A03版：尚未三校"]
    assert not storage.listdir("")[1] and not storage.listdir("")[0]  # nothing written
    assert AuditEntry.objects.filter(action="edition.release_refused").exists()
    proofed(page, make_user)
    result = edition_release(edition=page.edition, user=chief, storage=storage)
    assert result.blocked == [], result.blocked
    assert storage.exists("2026-12-02/A03.pdf") and storage.exists("2026-12-02/A03.html")
    assert PrintRelease.objects.filter(page=page, released_by=chief).exists()


def test_a_story_without_final_review_and_an_overset_block_it(draft, make_user):
    page = newsroom_page(draft)
    proofed(page, make_user)
    PageSlot.objects.create(page=page, key="头条", kind="story", story=draft, span=2, height_mm=20)
    result = edition_release(
        edition=page.edition, user=make_user("bm", PAGE_EDITOR), storage=InMemoryStorage()
    )
    text = "\n".join(result.blocked)
    assert "未通过终审" in text
    assert "超出版位" in text and "字排不下" in text
    assert "空白" in text  # one small slot on an empty page
    assert not PrintRelease.objects.exists()


def test_only_the_page_desk_and_the_chiefs_may_release(reference_page, make_user):
    with pytest.raises(PermissionDenied):
        edition_release(edition=reference_page.edition, user=make_user("rep", REPORTER))


def test_the_publish_page_lists_what_blocks_it(published, make_user):
    page = newsroom_page(published)
    client = Client()
    client.force_login(make_user("bm", PAGE_EDITOR))
    html = client.post(f"/admin/editions/{page.edition.pk}/publish/").content.decode()
    assert "不能出版" in html and "A03版：尚未一校" in html
    assert "data-release-progress" in html
