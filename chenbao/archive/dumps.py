"""An archive of page dumps on disk: which files are pages, and each one read and parsed.

Pure module (standard library and pagetext.py): the bulk import runs `dump_read` in worker
processes. The layout is one folder per edition, one file per page:

    DIR/2022-12-02/A02.txt          page A02 of 2 December 2022
    DIR/2022-12-02/A03_民生.txt      page A03, its name (版名) 民生

Anything else under DIR is reported and left alone. A symbolic link (to a folder or a file)
is refused, and so is any path that would lead outside DIR: an archive folder is untrusted
input, and a link named A06.txt pointing at /etc/shadow must not become a page. A file far
larger than any printed page (`MAX_PAGE_BYTES`, configurable) is refused before it is read.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from chenbao.archive.pagetext import PageModel, PageTextError, page_text, parse_page
from chenbao.figures.extract import Figure, story_figures

MAX_PAGE_BYTES = 1024 * 1024  # a dense broadsheet page is ~10 KB of text: 1 MB is far above
SYMLINK_REFUSED = "是符号链接，拒绝导入（只导入文件夹里的普通文件）"
OUTSIDE_REFUSED = "路径指向归档文件夹以外，拒绝导入"

# A02.txt, A02_要闻.txt; also a02-要闻.TXT and "A02 要闻.txt" as other tools name them
DUMP_NAME = re.compile(
    r"^(?P<number>[A-Za-z]{0,2}\d{1,3})(?:[_\- ](?P<name>[^_/\\]{1,40}))?\.txt$", re.IGNORECASE
)


@dataclass(frozen=True)
class DumpFile:
    """A page dump found under the archive folder."""

    path: str  # as found (the folder joined with the relative path)
    relative: str  # from the archive folder, with "/" between parts
    date: dt.date
    number: str  # upper case, e.g. A02
    name: str = ""  # the page's name (版名), if the file name gives one
    root: str = ""  # the archive folder: the file is opened from it, never through a link


@dataclass(frozen=True)
class Skipped:
    """A file or folder under the archive folder that is not a page dump, and why."""

    relative: str
    reason: str
    duplicate: bool = False  # a second file for a page already found: it did not go in
    refused: bool = False  # a link or a path outside the folder: a failure, not a stray file


@dataclass(frozen=True)
class DumpRead:
    """What reading a dump gave: a page model, or the reason it could not be read."""

    dump: DumpFile
    sha256: str = ""
    page: PageModel | None = None
    unchanged: bool = False  # the same bytes as when it was imported last
    error: str = ""
    # Each story's figures (数说与承诺), read here in the parsing process so the storing
    # process does not have to; None when they could not be read (the store reads them).
    figures: tuple[list[Figure], ...] | None = None


def dumps_find(root: str | Path) -> tuple[list[DumpFile], list[Skipped]]:
    """Return the page dumps under `root` in date and page order, and what is not one.

    Two files for one page of one day (A02.txt and A02_要闻.txt) are one page too many: the
    first is taken, the other reported. Symbolic links and anything resolving outside
    `root` are refused (`Skipped.refused`).
    """
    root = Path(root).resolve()
    dumps: list[DumpFile] = []
    skipped: list[Skipped] = []
    taken: dict[tuple[dt.date, str], str] = {}
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if entry.name.startswith("."):  # .DS_Store, .git, ._A01.txt: not the archive's
            continue
        if entry.is_symlink():
            skipped.append(Skipped(entry.name, SYMLINK_REFUSED, refused=True))
            continue
        if not entry.is_dir(follow_symlinks=False):
            skipped.append(Skipped(entry.name, "不是日期文件夹（应为 YYYY-MM-DD）"))
            continue
        try:
            date = dt.date.fromisoformat(entry.name)
        except ValueError:
            skipped.append(Skipped(entry.name + "/", "文件夹名不是日期（应为 YYYY-MM-DD）"))
            continue
        for file in sorted(os.scandir(entry.path), key=lambda e: e.name):
            relative = f"{entry.name}/{file.name}"
            if file.name.startswith("."):
                continue
            if file.is_symlink():
                skipped.append(Skipped(relative, SYMLINK_REFUSED, refused=True))
                continue
            if not _inside(root, file.path):
                skipped.append(Skipped(relative, OUTSIDE_REFUSED, refused=True))
                continue
            match = DUMP_NAME.match(file.name)
            if not file.is_file(follow_symlinks=False) or match is None:
                skipped.append(Skipped(relative, "文件名不是版面（应为 A02.txt 或 A02_要闻.txt）"))
                continue
            number = match["number"].upper()
            if (date, number) in taken:
                first = taken[(date, number)]
                skipped.append(
                    Skipped(relative, f"与 {first} 是同一版面，只导入了前者", duplicate=True)
                )
                continue
            taken[(date, number)] = relative
            dumps.append(
                DumpFile(
                    path=file.path,
                    relative=relative,
                    date=date,
                    number=number,
                    name=(match["name"] or "").strip(),
                    root=str(root),
                )
            )
    return dumps, skipped


class DumpRefused(Exception):
    """A dump that must not be read: a link, a path outside the folder, a file too large."""


def _inside(root: Path, path: str) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(root)


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def dump_bytes(dump: DumpFile, max_bytes: int = MAX_PAGE_BYTES) -> bytes:
    """The bytes of a dump, opened folder by folder from the archive root without following
    any link (a file swapped for a link after the scan is refused too), and at most
    `max_bytes` of them. Raises `DumpRefused` with the reason in Chinese.
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    parts = dump.relative.split("/") if dump.root else [dump.path]
    fd = os.open(dump.root, os.O_RDONLY | os.O_DIRECTORY) if dump.root else None
    try:
        for i, part in enumerate(parts):
            if part in ("", ".", "..") and dump.root:
                raise DumpRefused(OUTSIDE_REFUSED)
            last = i == len(parts) - 1
            try:
                child = os.open(part, flags | (0 if last else os.O_DIRECTORY), dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):  # a link where a file/folder was
                    raise DumpRefused(SYMLINK_REFUSED) from exc
                raise
            if fd is not None:
                os.close(fd)
            fd = child
        assert fd is not None
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DumpRefused("不是普通文件，拒绝导入")
        if info.st_size > max_bytes:
            raise DumpRefused(_too_big(info.st_size, max_bytes))
        with os.fdopen(fd, "rb") as handle:
            fd = None
            data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:  # grew after the check
            raise DumpRefused(_too_big(len(data), max_bytes))
        return data
    finally:
        if fd is not None:
            os.close(fd)


def _too_big(size: int, limit: int) -> str:
    return (
        f"文件过大：{_size(size)}，上限 {_size(limit)}（一版文字通常不到 20 KB；"
        "确需导入请用 --max-page-bytes 调高上限）"
    )


def dump_read(dump: DumpFile, known_sha256: str = "", max_bytes: int = MAX_PAGE_BYTES) -> DumpRead:
    """Read and parse one dump; skip the parse when its bytes hash to `known_sha256`."""
    try:
        data = dump_bytes(dump, max_bytes)
    except DumpRefused as exc:
        return DumpRead(dump, error=str(exc))
    except OSError as exc:
        return DumpRead(dump, error=f"cannot read the file ({exc.strerror or exc})")
    sha256 = hashlib.sha256(data).hexdigest()
    if known_sha256 and sha256 == known_sha256:
        return DumpRead(dump, sha256=sha256, unchanged=True)
    try:
        page = parse_page(page_text(data))
    except PageTextError as exc:
        return DumpRead(dump, sha256=sha256, error=str(exc))
    except Exception as exc:  # a parser fault on one strange file must not stop the run
        return DumpRead(dump, sha256=sha256, error=f"could not be parsed ({type(exc).__name__})")
    return DumpRead(dump, sha256=sha256, page=page, figures=page_figures(page))


def page_figures(page: PageModel) -> tuple[list[Figure], ...] | None:
    """The figures of each story of `page`, or None if the extractor failed on one."""
    try:
        return tuple(
            story_figures(s.dateline or "", [(b.type, b.text) for b in s.body])
            for s in page.stories
        )
    except Exception:  # the store reads them again, and reports what fails there
        return None


def dump_read_packed(job: tuple[DumpFile, str, int]) -> DumpRead:
    """`dump_read` taking one tuple, for a process pool's map."""
    return dump_read(*job)
