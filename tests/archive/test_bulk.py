"""`chenbao import-archive DIR`: a folder of page dumps in, twice, with bad files among them."""

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from chenbao.archive.bulk import archive_import
from chenbao.core.models import AuditEntry
from chenbao.editions.models import Edition, PrintedPage, StoryPlacement
from chenbao.stories.models import Contributor, StoryByline, StoryPage
from chenbao.weather.models import PrintedForecastDay

PAGES = Path(__file__).parent.parent / "fixtures" / "pages"


def dump(folder: Path, relative: str, source: str) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(PAGES / source, path)
    return path


@pytest.fixture
def archive(tmp_path) -> Path:
    """Three days of pages, a duplicate of one page, and files that are not pages."""
    root = tmp_path / "archive"
    dump(root, "2022-12-02/A02_要闻.txt", "reference-2022-12-02-A02.txt")
    dump(root, "2022-12-03/A03.txt", "variant-2-bracket-bylines.txt")
    dump(root, "2022-12-03/A04_民生.txt", "variant-1-start-byline.txt")
    dump(root, "2022-12-04/A01.txt", "variant-6-captions.txt")
    dump(root, "2022-12-04/A01_头版.txt", "variant-3-stray.txt")  # A01 again: a duplicate
    (root / "2022-12-04" / "A05.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    (root / "2022-12-04" / "A06.txt").write_bytes("淄博新闻".encode("gbk"))
    (root / "2022-12-04" / "A07.txt").write_text("   \n")
    (root / "2022-12-04" / "readme.txt").write_text("not a page")
    (root / "notes").mkdir()
    return root


def counts() -> dict[str, int]:
    return {
        "editions": Edition.objects.count(),
        "pages": PrintedPage.objects.count(),
        "stories": StoryPage.objects.count(),
        "placements": StoryPlacement.objects.count(),
        "bylines": StoryByline.objects.count(),
        "contributors": Contributor.objects.count(),
        "forecast": PrintedForecastDay.objects.count(),
    }


def run(root: Path, *args: str) -> tuple[int, str, str]:
    import io

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_archive", str(root), "--no-progress", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    except CommandError as exc:
        code = exc.returncode
    return code, out.getvalue(), err.getvalue()


def test_an_archive_goes_in_once_and_a_second_run_changes_nothing(db, archive):
    code, out, err = run(archive, "--workers", "2")
    assert code == 1  # some files failed; the good ones are in
    assert "imported 4 pages (7 stories, 3 editions)" in out
    assert "unchanged 0, skipped 2, failed 4" in out
    for bad in ["2022-12-04/A05.txt", "2022-12-04/A06.txt", "2022-12-04/A07.txt"]:
        assert f"failed  {bad}:" in err
    assert "binary" in err and "GBK" in err and "empty" in err
    assert "failed  2022-12-04/A01_头版.txt: 与 2022-12-04/A01.txt 是同一版面" in err
    assert "skipped 2022-12-04/readme.txt" in out and "skipped notes/" in out
    first = counts()
    assert first["editions"] == 3 and first["pages"] == 4
    assert first["stories"] == first["placements"] == 7
    urls = {s.slug: s.url for s in StoryPage.objects.all()}
    assert urls["2022-12-03-a04-1"].startswith("/minsheng/")  # the page's name is the section
    assert PrintedPage.objects.get(edition__date="2022-12-02", number="A02").name == "要闻"
    assert Page.find_problems() == ([], [], [], [], [])  # Wagtail's tree is whole
    assert AuditEntry.objects.filter(action="page.import").count() == 4

    code, out, _ = run(archive)
    assert code == 1
    assert "imported 0 pages" in out and "unchanged 4" in out
    assert counts() == first


def test_a_changed_page_is_imported_again_in_place(db, archive):
    archive_import(archive, workers=1)
    story = StoryPage.objects.get(slug="2022-12-03-a03-1")
    before = counts()
    path = archive / "2022-12-03" / "A03.txt"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "东岭港冬季航线今起调整", "东岭港冬季航线明起调整"
        ),
        encoding="utf-8",
    )
    result = archive_import(archive, workers=1)
    assert (result.pages, result.unchanged) == (1, 3)
    assert counts() == before  # nothing doubled
    again = StoryPage.objects.get(slug="2022-12-03-a03-1")
    assert again.pk == story.pk and again.url == story.url
    assert again.kicker == "东岭港冬季航线明起调整"
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_page_that_lost_a_story_loses_it(db, archive):
    archive_import(archive, workers=1)
    path = archive / "2022-12-03" / "A03.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("# 淄川区冬季供暖")], encoding="utf-8")
    archive_import(archive, workers=1)
    page = PrintedPage.objects.get(edition__date="2022-12-03", number="A03")
    assert page.story_placements.count() == 1
    assert not StoryPage.objects.filter(slug="2022-12-03-a03-2").exists()


def test_a_dry_run_stores_nothing(db, archive):
    result = archive_import(archive, workers=1, dry_run=True)
    assert (result.pages, result.stories) == (4, 7)
    assert counts()["pages"] == 0 and counts()["stories"] == 0


def test_a_bad_command_line_exits_2(db, tmp_path):
    assert run(tmp_path / "nowhere")[0] == 2
    assert run(tmp_path, "--workers", "0")[0] == 2


def test_a_clean_archive_exits_0(db, tmp_path):
    dump(tmp_path, "2022-12-02/A02.txt", "reference-2022-12-02-A02.txt")
    code, out, _ = run(tmp_path)
    assert code == 0 and "failed 0" in out


def test_a_page_that_fails_to_store_costs_only_itself(db, archive, monkeypatch):
    """A fault while storing a batch: the batch is stored page by page, the bad page named."""
    from chenbao.archive import bulk

    real = bulk.pages_store_printed

    def faulty(*, pages, **kw):
        if any(p.number == "A04" for p in pages):
            raise RuntimeError("disk full")
        return real(pages=pages, **kw)

    monkeypatch.setattr(bulk, "pages_store_printed", faulty)
    result = archive_import(archive, workers=1)
    assert result.pages == 3
    assert any(
        f.relative == "2022-12-03/A04_民生.txt" and "disk full" in f.reason for f in result.failed
    )
    assert not PrintedPage.objects.filter(number="A04").exists()  # no half page
    assert PrintedPage.objects.filter(number="A03").exists()


# An attack on the import: links out of the folder, and files far larger than a page.


def test_a_symlink_out_of_the_folder_is_refused_and_the_run_carries_on(db, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:$6$secretsalt$hash:19000:0:99999:7:::\n", encoding="utf-8")
    root = tmp_path / "archive"
    dump(root, "2022-12-02/A02.txt", "reference-2022-12-02-A02.txt")
    (root / "2022-12-03").mkdir()
    (root / "2022-12-03" / "A06.txt").symlink_to(secret)
    elsewhere = tmp_path / "elsewhere"
    dump(elsewhere, "A01.txt", "variant-1-start-byline.txt")
    (root / "2022-12-04").symlink_to(elsewhere, target_is_directory=True)  # a linked day

    code, out, err = run(root)
    assert code == 1
    assert "imported 1 pages" in out
    assert "failed  2022-12-03/A06.txt: 是符号链接，拒绝导入" in err
    assert "failed  2022-12-04: 是符号链接，拒绝导入" in err
    assert not PrintedPage.objects.filter(edition__date="2022-12-03").exists()
    assert not PrintedPage.objects.filter(edition__date="2022-12-04").exists()
    assert not PrintedPage.objects.filter(unplaced_text__contains="secretsalt").exists()


def test_a_file_swapped_for_a_link_after_the_scan_is_refused(tmp_path):
    """The scan saw a plain file; by the time a worker opens it, it is a link: still refused."""
    from chenbao.archive.dumps import dump_read, dumps_find

    root = tmp_path / "archive"
    path = dump(root, "2022-12-02/A02.txt", "variant-1-start-byline.txt")
    (found,), _ = dumps_find(root)
    secret = tmp_path / "secret.txt"
    secret.write_text("# 秘密\n\n不该导入的文字。\n", encoding="utf-8")
    path.unlink()
    path.symlink_to(secret)
    read = dump_read(found)
    assert read.page is None and "符号链接" in read.error
    # and a day folder swapped for a link
    path.unlink()
    dump(root, "2022-12-02/A02.txt", "variant-1-start-byline.txt")
    (found,), _ = dumps_find(root)
    (root / "2022-12-02").rename(tmp_path / "moved")
    (root / "2022-12-02").symlink_to(tmp_path / "moved", target_is_directory=True)
    read = dump_read(found)
    assert read.page is None and "符号链接" in read.error


def test_a_file_far_larger_than_a_page_is_refused_with_its_size_and_the_limit(db, tmp_path):
    root = tmp_path / "archive"
    dump(root, "2022-12-02/A02.txt", "reference-2022-12-02-A02.txt")
    big = root / "2022-12-02" / "A03.txt"
    story = (PAGES / "variant-1-start-byline.txt").read_text(encoding="utf-8")
    big.write_text(story * (3 * 1024 * 1024 // len(story.encode())), encoding="utf-8")

    code, out, err = run(root)
    assert code == 1
    assert "imported 1 pages" in out
    assert "failed  2022-12-02/A03.txt: 文件过大：3.0 MB，上限 1.0 MB" in err
    assert not PrintedPage.objects.filter(number="A03").exists()

    # the limit is configurable, on the command line and in the settings
    code, out, err = run(root, "--max-page-bytes", str(4 * 1024 * 1024))
    assert code == 0 and PrintedPage.objects.filter(number="A03").exists()
    assert run(root, "--max-page-bytes", "0")[0] == 2


def test_the_page_size_limit_comes_from_the_settings(db, tmp_path, settings):
    settings.CHENBAO_ARCHIVE_MAX_PAGE_BYTES = 2000
    root = tmp_path / "archive"
    dump(root, "2022-12-02/A02.txt", "reference-2022-12-02-A02.txt")  # 7.7 KB
    code, _, err = run(root)
    assert code == 1 and "上限 2 KB" in err


def test_figures_read_while_parsing_are_those_the_store_would_read(db, archive, monkeypatch):
    """The parsing processes read each story's figures (数说与承诺) and the store takes them;
    they are the very rows the store writes when it reads the figures itself."""
    from chenbao.archive import dumps
    from chenbao.figures.models import StoryFigure

    def rows() -> list[tuple]:
        fields = ("story_id", "start", "end", "text", "value", "unit", "kind", "indicator_id")
        return sorted(StoryFigure.objects.values_list(*fields))

    result = archive_import(archive, workers=2)
    assert result.pages == 4 and StoryFigure.objects.exists()
    from_workers = rows()
    StoryFigure.objects.all().delete()
    PrintedPage.objects.update(source_sha256="")  # so that every page is stored again
    monkeypatch.setattr(dumps, "page_figures", lambda page: None)  # the store reads them
    archive_import(archive, workers=1)
    assert rows() == from_workers
