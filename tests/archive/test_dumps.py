"""Finding page dumps under the archive folder and reading them, refusing links and giants."""

import datetime as dt

import pytest

from chenbao.archive.dumps import (
    DUMP_NAME,
    DumpFile,
    DumpRefused,
    dump_bytes,
    dump_read,
    dump_read_packed,
    dumps_find,
    page_figures,
)
from chenbao.archive.pagetext import parse_page
from tests.archive.archive_dir import PAGES, archive_make, dump


def test_a_file_swapped_for_a_link_after_the_scan_is_refused(tmp_path):
    """The scan saw a plain file; by the time a worker opens it, it is a link: still refused."""
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


@pytest.mark.parametrize(
    ("name", "number", "page_name"),
    [
        ("A02.txt", "A02", None),
        ("a02_要闻.txt", "a02", "要闻"),
        ("12.txt", "12", None),
        ("A02.TXT", "A02", None),
        ("A02-要闻.txt", "A02", "要闻"),
        ("A02 要闻.txt", "A02", "要闻"),
        ("B01-体育-赛事.txt", "B01", "体育-赛事"),
    ],
)
def test_page_file_names(name, number, page_name):
    match = DUMP_NAME.match(name)
    assert (match["number"], match["name"]) == (number, page_name)


@pytest.mark.parametrize(
    "name",
    ["A02.md", "ABC02.txt", "A02_a_b.txt", "readme.txt", "A1234.txt", "A02-.txt", "A02.txt~"],
)
def test_what_is_not_a_page_file_name(name):
    assert DUMP_NAME.match(name) is None


def test_dumps_are_found_in_date_and_page_order_with_the_strays_reported(tmp_path):
    root = archive_make(tmp_path)
    found, skipped = dumps_find(root)
    assert [(d.date, d.number, d.name) for d in found] == [
        (dt.date(2022, 12, 2), "A02", "要闻"),
        (dt.date(2022, 12, 3), "A03", ""),
        (dt.date(2022, 12, 3), "A04", "民生"),
        (dt.date(2022, 12, 4), "A01", ""),
        (dt.date(2022, 12, 4), "A05", ""),
        (dt.date(2022, 12, 4), "A06", ""),
        (dt.date(2022, 12, 4), "A07", ""),
    ]
    assert all(d.root == str(root.resolve()) for d in found)
    assert found[0].relative == "2022-12-02/A02_要闻.txt"
    reasons = {s.relative: s for s in skipped}
    assert reasons["2022-12-04/A01_头版.txt"].duplicate
    assert "与 2022-12-04/A01.txt 是同一版面" in reasons["2022-12-04/A01_头版.txt"].reason
    assert "文件名不是版面" in reasons["2022-12-04/readme.txt"].reason
    assert "文件夹名不是日期" in reasons["notes/"].reason
    assert not any(s.refused for s in skipped)


def test_hidden_files_and_folders_are_not_the_archive(tmp_path):
    """What a Mac, a copy tool or git leaves behind is passed over without a word."""
    day = tmp_path / "2022-12-02"
    day.mkdir()
    (day / "A02.txt").write_text("# 标题\n\n正文。\n", encoding="utf-8")
    (day / "._A02.txt").write_bytes(b"\x00\x05\x16\x07")
    (day / ".DS_Store").write_bytes(b"\x00")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".DS_Store").write_bytes(b"\x00")
    found, skipped = dumps_find(tmp_path)
    assert [d.relative for d in found] == ["2022-12-02/A02.txt"] and skipped == []


def test_a_file_beside_the_day_folders_is_not_a_day(tmp_path):
    (tmp_path / "index.html").write_text("x")
    found, skipped = dumps_find(tmp_path)
    assert found == [] and [s.relative for s in skipped] == ["index.html"]
    assert "不是日期文件夹" in skipped[0].reason


def test_a_dump_larger_than_the_limit_is_refused_with_both_sizes(tmp_path):
    dump(tmp_path, "2022-12-02/A02.txt", "reference-2022-12-02-A02.txt")
    (found,), _ = dumps_find(tmp_path)
    assert dump_bytes(found) == (PAGES / "reference-2022-12-02-A02.txt").read_bytes()
    with pytest.raises(DumpRefused, match="文件过大：8 KB，上限 1 KB"):
        dump_bytes(found, max_bytes=1024)


def test_a_dump_path_climbing_out_of_the_folder_is_refused(tmp_path):
    dump(tmp_path, "outside.txt", "reference-2022-12-02-A02.txt")
    root = tmp_path / "archive"
    root.mkdir()
    bad = DumpFile(
        path=str(tmp_path / "outside.txt"),
        relative="../outside.txt",
        date=dt.date(2022, 12, 2),
        number="A02",
        root=str(root),
    )
    with pytest.raises(DumpRefused, match="路径指向归档文件夹以外"):
        dump_bytes(bad)


def test_a_dump_is_parsed_with_its_hash_and_figures(tmp_path):
    dump(tmp_path, "2022-12-02/A02.txt", "reference-2022-12-02-A02.txt")
    (found,), _ = dumps_find(tmp_path)
    read = dump_read(found)
    assert read.error == "" and len(read.sha256) == 64 and read.page.stories
    assert read.figures is not None and len(read.figures) == len(read.page.stories)
    assert dump_read_packed((found, "", 1024 * 1024)) == read


def test_an_unchanged_dump_is_not_parsed_again(tmp_path):
    dump(tmp_path, "2022-12-02/A02.txt", "reference-2022-12-02-A02.txt")
    (found,), _ = dumps_find(tmp_path)
    sha256 = dump_read(found).sha256
    again = dump_read(found, known_sha256=sha256)
    assert again.unchanged and again.page is None and again.sha256 == sha256


def test_unreadable_dumps_say_why(tmp_path):
    root = tmp_path
    (root / "2022-12-02").mkdir()
    (root / "2022-12-02" / "A01.txt").write_text("   \n")
    (root / "2022-12-02" / "A02.txt").write_bytes("淄博新闻".encode("gbk"))
    empty, gbk = dumps_find(root)[0]
    assert dump_read(empty).page is None and "empty" in dump_read(empty).error
    assert dump_read(gbk).page is None and "GBK" in dump_read(gbk).error
    (root / "2022-12-02" / "A02.txt").unlink()
    assert dump_read(gbk).error.startswith("cannot read the file")


def test_a_failing_extractor_leaves_the_figures_to_the_store(monkeypatch):
    from chenbao.archive import dumps

    page = parse_page((PAGES / "reference-2022-12-02-A02.txt").read_text(encoding="utf-8"))
    assert page_figures(page) is not None

    def broken(*args):
        raise RuntimeError("extractor fault")

    monkeypatch.setattr(dumps, "story_figures", broken)
    assert page_figures(page) is None
