"""Publishing an edition: bad input reported by page and slot, incremental re-render, storage."""

import datetime as dt
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, InMemoryStorage

from chenbao.ads.models import AdKind, AdPlacement
from chenbao.core.models import AuditEntry
from chenbao.editions.layout.clreq import line_faults
from chenbao.editions.models import PageSlot
from chenbao.editions.services.publish import edition_publish
from chenbao.editions.typography import Typography
from chenbao.stories.services import StoryData, story_save_published


def test_story_too_long_for_its_slot_is_cut_and_reported_with_its_overset(reference_page, tmp_path):
    second = reference_page.story_placements.order_by("sort_order").last().story
    PageSlot.objects.create(
        page=reference_page, key="头条", kind="story", story=second, span=6, height_mm=80
    )
    PageSlot.objects.create(
        page=reference_page, key="右栏", kind="story", story=second, column=5, span=3, height_mm=80
    )
    result = edition_publish(
        edition=reference_page.edition, storage=FileSystemStorage(location=str(tmp_path))
    )
    kinds = {(p.slot, p.kind) for p in result.problems}
    # The rest of the page under the 80 mm slot is empty: a blank band, named too.
    assert kinds == {("头条", "overset"), ("右栏", "off_page"), ("头条", "blank")}
    overset = next(p for p in result.problems if p.kind == "overset")
    assert overset.chars > 500
    assert "A02版 头条" in overset.message and f"{overset.chars}字" in overset.message
    assert "A02版 右栏" in next(p.message for p in result.problems if p.kind == "off_page")
    # The page is still published, with the slot that fits.
    manifest = json.loads((tmp_path / "2022-12-02" / "manifest.json").read_text())
    assert [a["slot"] for a in manifest["pages"]["A02"]["areas"]] == ["头条"]
    assert (tmp_path / "2022-12-02" / "A02.pdf").exists()


def test_unreadable_ad_image_is_left_out_and_named(reference_page, tmp_path):
    import io

    from PIL import Image as PILImage
    from wagtail.images.models import Image

    png = io.BytesIO()
    PILImage.new("RGB", (10, 10), "red").save(png, format="PNG")
    broken = Image.objects.create(title="坏图", file=ContentFile(png.getvalue(), name="broken.png"))
    # The file goes bad on disk after upload (truncated copy, disk fault).
    with open(broken.file.path, "wb") as fh:
        fh.write(b"this is not a picture")
    AdPlacement.objects.filter(page=reference_page).update(image=broken)
    result = edition_publish(
        edition=reference_page.edition, storage=FileSystemStorage(location=str(tmp_path))
    )
    [problem] = result.problems
    assert (problem.page, problem.slot, problem.kind) == ("A02", "ad-1", "image")
    assert "坏图" in problem.message and "无法读取" in problem.message
    assert (tmp_path / "2022-12-02" / "A02.png").exists()


def test_missing_font_is_reported_for_each_page_and_the_pages_still_render(make_edition, tmp_path):
    edition = make_edition(pages=2, stories_per_page=1)
    result = edition_publish(
        edition=edition,
        storage=FileSystemStorage(location=str(tmp_path)),
        typography=Typography(serif="No Such Serif CJK"),
    )
    fonts = [p for p in result.problems if p.kind == "font"]
    assert [p.page for p in fonts] == ["A01", "A02"]
    assert "No Such Serif CJK" in fonts[0].message
    assert all(p.rendered for p in result.pages)


def test_rerender_after_an_edit_rewrites_only_that_page(make_edition, tmp_path):
    edition = make_edition(pages=3, stories_per_page=1)
    storage = FileSystemStorage(location=str(tmp_path))
    first = edition_publish(edition=edition, storage=storage)
    assert [p.number for p in first.pages if p.rendered] == ["A01", "A02", "A03"]

    placement = edition.pages.get(number="A02").story_placements.get()
    story = placement.story
    story_save_published(
        section=story.get_parent().specific,
        slug=story.slug,
        data=StoryData(headline="改过的标题", body=(("paragraph", "正文改过了。"),)),
    )
    second = edition_publish(edition=edition, storage=storage)
    assert [p.number for p in second.pages if p.rendered] == ["A02"]
    written = set(second.written)
    assert {"2022-12-09/A02.pdf", "2022-12-09/A02.png", "2022-12-09/edition.pdf"} <= written
    assert not any(name.startswith(("2022-12-09/A01", "2022-12-09/A03")) for name in written)
    assert "改过的标题" in (tmp_path / "2022-12-09" / "A02.html").read_text()
    assert AuditEntry.objects.filter(action="edition.publish").count() == 2


def test_publishes_to_any_django_storage(make_edition):
    edition = make_edition(pages=1, stories_per_page=2, date=dt.date(2022, 12, 10))
    storage = InMemoryStorage()
    result = edition_publish(edition=edition, storage=storage)
    for name in ["A01.pdf", "A01.png", "A01.html", "index.html", "edition.pdf", "manifest.json"]:
        assert storage.exists(f"2022-12-10/{name}"), name
    assert storage.exists("index.html") and storage.exists("editions.json")
    # Two short stories leave most of the page empty: that is named, nothing else is wrong.
    assert {p.kind for p in result.problems} == {"blank"}


def test_sixteen_page_edition_has_no_overset_and_breaks_no_line_rule(
    make_edition, tmp_path, read_page_columns
):
    edition = make_edition(pages=16)
    result = edition_publish(edition=edition, storage=FileSystemStorage(location=str(tmp_path)))
    # Generated pages have too little text to fill the page (blank bands are named); no
    # story is cut, nothing overlaps, no page fails.
    assert [p for p in result.problems if p.kind != "blank"] == []
    folder = tmp_path / "2022-12-09"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert len(manifest["pages"]) == 16
    lines = 0
    for number, page in manifest["pages"].items():
        pdf = (folder / f"{number}.pdf").read_bytes()
        assert len(page["areas"]) == 3
        read = read_page_columns(pdf, page["areas"], 150)
        for area, columns in zip(page["areas"], read, strict=True):
            for column in columns:
                lines += len(column)
                assert line_faults(column) == [], (number, area["slot"])
    assert lines > 1000
    from pypdf import PdfReader

    assert len(PdfReader(folder / "edition.pdf").pages) == 16


@pytest.mark.parametrize("kind", [AdKind.PUBLIC_SERVICE])
def test_public_service_label_goes_to_the_corner(reference_page, tmp_path, kind):
    from chenbao.editions.blocks.ad import ad_content
    from chenbao.editions.images import ImageCopier

    ad = AdPlacement.objects.get(page=reference_page)
    assert ad.kind == kind
    content = ad_content(ad, images=ImageCopier(tmp_path), page="A02", slot="ad-1")
    assert content.label.endswith("公益广告")
    assert "一盔一带 安全常在" in content.lines


def test_pages_laid_out_on_threads_report_progress_and_publish_in_order(make_edition, tmp_path):
    edition = make_edition(pages=6, stories_per_page=1, date=dt.date(2022, 12, 11))
    calls = []
    result = edition_publish(
        edition=edition,
        storage=FileSystemStorage(location=str(tmp_path)),
        workers=2,
        progress=lambda number, done, total: calls.append((number, done, total)),
    )
    assert [done for _, done, _ in calls] == [1, 2, 3, 4, 5, 6]
    assert {total for _, _, total in calls} == {6}
    assert sorted(number for number, _, _ in calls) == [f"A0{i}" for i in range(1, 7)]
    assert [p.number for p in result.pages] == [f"A0{i}" for i in range(1, 7)]
    assert all(p.rendered and p.areas for p in result.pages)
    manifest = json.loads((tmp_path / "2022-12-11" / "manifest.json").read_text())
    assert list(manifest["pages"]) == [f"A0{i}" for i in range(1, 7)]
