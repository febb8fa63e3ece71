"""`chenbao import-archive DIR`: a folder of page dumps in, twice, with bad files among them."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from chenbao.core.models import AuditEntry
from chenbao.editions.models import PrintedPage
from chenbao.stories.models import StoryPage
from tests.archive.archive_dir import PAGES, archive_make, counts, dump


@pytest.fixture
def archive(tmp_path) -> Path:
    return archive_make(tmp_path)


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

    code, out, _ = run(archive, "--reparse")  # after an upgrade: all read again, in place
    assert code == 1
    assert "imported 4 pages (7 stories, 3 editions)" in out and "unchanged 0" in out
    assert counts() == first
    assert {s.slug: s.url for s in StoryPage.objects.all()} == urls


def test_a_bad_command_line_exits_2(db, tmp_path):
    assert run(tmp_path / "nowhere")[0] == 2
    assert run(tmp_path, "--workers", "0")[0] == 2


def test_a_clean_archive_exits_0(db, tmp_path):
    dump(tmp_path, "2022-12-02/A02.txt", "reference-2022-12-02-A02.txt")
    code, out, _ = run(tmp_path)
    assert code == 0 and "failed 0" in out


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


def test_a_dry_run_says_what_it_would_import_and_stores_nothing(db, tmp_path):
    dump(tmp_path, "2022-12-02/A02.txt", "reference-2022-12-02-A02.txt")
    code, out, _ = run(tmp_path, "--dry-run")
    assert code == 0 and "would import 1 pages" in out
    assert not PrintedPage.objects.exists()


def test_a_deferred_index_queues_the_stories_and_says_so(db, tmp_path):
    from chenbao.archive.models import SearchQueueEntry

    dump(tmp_path, "2022-12-02/A02.txt", "reference-2022-12-02-A02.txt")
    code, out, _ = run(tmp_path, "--defer-index")
    assert code == 0
    assert "search index: deferred; run `chenbao search-reindex` now" in out
    stories = set(StoryPage.objects.values_list("pk", flat=True))
    assert stories and set(SearchQueueEntry.objects.values_list("story_id", flat=True)) == stories


@pytest.mark.parametrize("option", ["--batch", "--max-page-bytes", "--workers"])
def test_counts_below_one_are_refused(db, tmp_path, option):
    code, _, _ = run(tmp_path, option, "0")
    assert code == 2


def test_an_import_that_makes_the_archive_large_says_to_rebuild_once(
    transactional_db, tmp_path, monkeypatch
):
    """Indexed batch by batch, a large archive has no common strings counted (only a rebuild
    counts them): the summary says to run the rebuild, and after it says nothing more."""
    from chenbao.archive.search import services

    monkeypatch.setattr(services, "GRAMS_FROM", 2)  # this archive counts as large
    dump(tmp_path, "2022-12-02/A02.txt", "reference-2022-12-02-A02.txt")
    code, out, _ = run(tmp_path)  # committed batch by batch: indexed as it goes
    hint = "run `chenbao search-reindex` once, outside the morning rush"
    assert code == 0 and hint in out
    services.search_reindex()
    dump(tmp_path, "2022-12-03/A03.txt", "variant-2-bracket-bylines.txt")
    code, out, _ = run(tmp_path)
    assert code == 0 and "imported 1 pages" in out and hint not in out
