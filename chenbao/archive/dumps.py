"""An archive of page dumps on disk: which files are pages, and each one read and parsed.

Pure module (standard library and pagetext.py): the bulk import runs `dump_read` in worker
processes. The layout is one folder per edition, one file per page:

    DIR/2022-12-02/A02.txt          page A02 of 2 December 2022
    DIR/2022-12-02/A03_民生.txt      page A03, its name (版名) 民生

Anything else under DIR is reported and left alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from chenbao.archive.pagetext import PageModel, PageTextError, page_text, parse_page

DUMP_NAME = re.compile(r"^(?P<number>[A-Za-z]{0,2}\d{1,3})(?:_(?P<name>[^_/\\]{1,40}))?\.txt$")


@dataclass(frozen=True)
class DumpFile:
    """A page dump found under the archive folder."""

    path: str  # as found (the folder joined with the relative path)
    relative: str  # from the archive folder, with "/" between parts
    date: dt.date
    number: str  # upper case, e.g. A02
    name: str = ""  # the page's name (版名), if the file name gives one


@dataclass(frozen=True)
class Skipped:
    """A file or folder under the archive folder that is not a page dump, and why."""

    relative: str
    reason: str
    duplicate: bool = False  # a second file for a page already found: it did not go in


@dataclass(frozen=True)
class DumpRead:
    """What reading a dump gave: a page model, or the reason it could not be read."""

    dump: DumpFile
    sha256: str = ""
    page: PageModel | None = None
    unchanged: bool = False  # the same bytes as when it was imported last
    error: str = ""


def dumps_find(root: str | Path) -> tuple[list[DumpFile], list[Skipped]]:
    """Return the page dumps under `root` in date and page order, and what is not one.

    Two files for one page of one day (A02.txt and A02_要闻.txt) are one page too many: the
    first is taken, the other reported.
    """
    root = Path(root)
    dumps: list[DumpFile] = []
    skipped: list[Skipped] = []
    taken: dict[tuple[dt.date, str], str] = {}
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if not entry.is_dir():
            skipped.append(Skipped(entry.name, "不是日期文件夹（应为 YYYY-MM-DD）"))
            continue
        try:
            date = dt.date.fromisoformat(entry.name)
        except ValueError:
            skipped.append(Skipped(entry.name + "/", "文件夹名不是日期（应为 YYYY-MM-DD）"))
            continue
        for file in sorted(os.scandir(entry.path), key=lambda e: e.name):
            relative = f"{entry.name}/{file.name}"
            match = DUMP_NAME.match(file.name)
            if not file.is_file() or match is None:
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
                    name=match["name"] or "",
                )
            )
    return dumps, skipped


def dump_read(dump: DumpFile, known_sha256: str = "") -> DumpRead:
    """Read and parse one dump; skip the parse when its bytes hash to `known_sha256`."""
    try:
        data = Path(dump.path).read_bytes()
    except OSError as exc:
        return DumpRead(dump, error=f"cannot read the file ({exc.strerror or exc})")
    sha256 = hashlib.sha256(data).hexdigest()
    if known_sha256 and sha256 == known_sha256:
        return DumpRead(dump, sha256=sha256, unchanged=True)
    try:
        return DumpRead(dump, sha256=sha256, page=parse_page(page_text(data)))
    except PageTextError as exc:
        return DumpRead(dump, sha256=sha256, error=str(exc))
    except Exception as exc:  # a parser fault on one strange file must not stop the run
        return DumpRead(dump, sha256=sha256, error=f"could not be parsed ({type(exc).__name__})")


def dump_read_packed(job: tuple[DumpFile, str]) -> DumpRead:
    """`dump_read` taking one tuple, for a process pool's map."""
    return dump_read(*job)
