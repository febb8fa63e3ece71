"""The publish button: page editors publish an edition; other roles and strangers cannot."""

import re

from django.test import Client

from chenbao.core.models import AuditEntry
from chenbao.core.roles import PAGE_EDITOR, REPORTER


def test_page_editor_publishes_from_the_newsroom(make_user, reference_page):
    client = Client()
    client.force_login(make_user("layout", PAGE_EDITOR))
    url = f"/admin/editions/{reference_page.edition.pk}/publish/"
    assert "出版" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "已出版" in response.content.decode()
    entry = AuditEntry.objects.get(action="edition.publish")
    assert entry.detail["pages"] == ["A02"]
    page = client.get("/epaper/2022-12-02/A02/").content.decode()
    # Each of the page's two stories is a link over the page image (0020).
    assert page.count('<a class="area" id="area-story-') == 2
    edition_html = client.get("/epaper/2022-12-02/").content.decode()
    assert re.search(r"/epaper-files/2022-12-02/A02-[^\"]*\.webp", edition_html)  # thumbnail
    assert client.get("/epaper-files/2022-12-02/A02.png").status_code == 200


def test_other_roles_and_anonymous_cannot_publish(make_user, reference_page):
    url = f"/admin/editions/{reference_page.edition.pk}/publish/"
    anonymous = Client().post(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    reporter = Client()
    reporter.force_login(make_user("rep", REPORTER))
    refused = reporter.post(url)  # Wagtail shows a refusal as a redirect to the dashboard
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert not AuditEntry.objects.filter(action="edition.publish").exists()


def test_the_newsroom_previews_an_unfinished_edition_readers_cannot_see(make_user):
    """2022-12-01 of the demo (a folio and an ad on A01) is not public; the page editor
    previews it as readers would see it, marked as a preview and never cached."""
    import io

    from chenbao.editions.demo import publish_all
    from chenbao.editions.models import Edition
    from chenbao.weather import demo as weather_demo

    weather_demo.load(stdout=io.StringIO())
    publish_all(stdout=io.StringIO())
    edition = Edition.objects.get(date="2022-12-01")
    assert Client().get("/epaper/2022-12-01/A02/").status_code == 404
    editor = Client()
    editor.force_login(make_user("layout", PAGE_EDITOR))
    response = editor.get(f"/admin/editions/{edition.pk}/preview/A02/")
    html = response.content.decode()
    assert response.status_code == 200 and "编辑部预览" in html
    assert "no-store" in response["Cache-Control"]
    publish_page = editor.get(f"/admin/editions/{edition.pk}/publish/").content.decode()
    assert f"/admin/editions/{edition.pk}/preview/A02/" in publish_page
    reporter = Client()
    reporter.force_login(make_user("rep", REPORTER))
    assert reporter.get(f"/admin/editions/{edition.pk}/preview/A02/").status_code == 302
    assert (
        Client()
        .get(f"/admin/editions/{edition.pk}/preview/A02/")["Location"]
        .startswith("/admin/login/")
    )
    # Its images and PDFs are withheld from readers (every file of the folder, however the
    # path is spelled) and reach the preview through the newsroom's own route.
    for path in (
        "/epaper-files/2022-12-01/A01.png",
        "/epaper-files/2022-12-01/A02.pdf",
        "/epaper-files/2022-12-01/edition.pdf",
        "/epaper-files/2022-12-01/manifest.json",
        "/epaper-files/./2022-12-01//A01.png",
        "/epaper-files/x/../2022-12-01/A01.png",
    ):
        assert Client().get(path).status_code == 404, path
        assert editor.get(path).status_code == 404, path
    files = re.findall(rf'/admin/editions/{edition.pk}/preview-files/[^" ]+', html)
    assert any(f.endswith(".webp") for f in files) and any(f.endswith(".pdf") for f in files)
    assert "/epaper-files/2022-12-01/" not in html
    for url in set(files):
        answer = editor.get(url)
        assert answer.status_code == 200, url
        assert "private, no-store" in answer["Cache-Control"]
        assert Client().get(url).status_code == 302  # to the login
        assert reporter.get(url).status_code == 302
    for name in ("manifest.json", ".unfinished", "..%2Fpasswd", "A09.png"):
        answer = editor.get(f"/admin/editions/{edition.pk}/preview-files/{name}")
        assert answer.status_code in (301, 404), name  # ../ is no file name: a redirect


def test_an_edition_is_withheld_from_its_first_file_until_it_is_finished(
    make_user, reference_page, tmp_path
):
    """An edition that a publish leaves unfinished is withheld before its first file is
    written; one that it finishes is never withheld and loses a marker it had."""
    import pytest

    from chenbao.editions import epaper
    from chenbao.editions.models import PrintedPage
    from chenbao.editions.services.publish import edition_publish
    from chenbao.editions.storage import publish_storage

    edition = reference_page.edition
    storage = publish_storage(tmp_path)
    seen: list[tuple[str, bool]] = []
    original = epaper.page_files_write

    def spy(writer, folder, printed, *args, **kwargs):
        seen.append((printed.number, epaper.edition_withheld(storage, folder)))
        return original(writer, folder, printed, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(epaper, "page_files_write", spy)
        first = edition_publish(edition=edition, storage=storage)
        assert seen == [("A02", False)]  # finished by this run: never withheld
        assert ".unfinished" not in " ".join(first.written)
        assert storage.exists("2022-12-02/A02.html")
        # A second page with nothing on it yet: the edition is no longer finished.
        empty = PrintedPage.objects.create(edition=edition, number="A03", name="要闻")
        edition_publish(edition=edition, storage=storage)
        assert seen[1:] == [("A03", True)]
        assert epaper.edition_withheld(storage, "2022-12-02")
        assert not storage.exists("2022-12-02/A02.html")
        empty.delete()
        edition_publish(edition=edition, storage=storage)
    assert not epaper.edition_withheld(storage, "2022-12-02")
    assert storage.exists("2022-12-02/A02.html")


def test_search_shows_no_thumbnail_of_a_withheld_edition(reference_page):
    """A hit on a page of an edition readers cannot open has no thumbnail (nor a link)."""
    from chenbao.archive.search.services import _thumb
    from chenbao.editions import epaper
    from chenbao.editions.services.publish import edition_publish
    from chenbao.editions.storage import publish_storage

    edition_publish(edition=reference_page.edition)
    assert _thumb(reference_page.edition.date, "A02") == "/epaper-files/2022-12-02/A02-thumb.png"
    epaper.edition_withhold(epaper.StorageWriter(publish_storage()), "2022-12-02")
    assert _thumb(reference_page.edition.date, "A02") == ""
