"""The e-paper as published files: page images, PDFs, the manifest and the reader's HTML.

This is the one e-paper: the publish step writes it to the publish storage and the reader
site serves those files (chenbao/site/views.py), never a second rendering from the
database. Layout of the storage:

    editions.json, index.html          every edition published, newest first; the calendar
                                       of the newest year (index.html), of each year
                                       (years/YYYY.html)
    YYYY-MM-DD/index.html (text only)  an edition the archive holds from old page dumps:
                                       its pages and their stories' headlines
    YYYY-MM-DD/manifest.json           the edition: each page's files, areas and blocks
    YYYY-MM-DD/index.html              the edition's page list
    YYYY-MM-DD/A02.html                a page: image with story areas, stories, banner…
    YYYY-MM-DD/A02.png, A02-thumb.png, A02.pdf, edition.pdf
    YYYY-MM-DD/.unfinished             while the edition is not finished: its files are
                                       withheld from readers (nginx and the files view)

The HTML links pages by the reader site's URLs (/epaper/YYYY-MM-DD/A02/) and files by
PUBLISH_URL, so the same files serve behind Django, nginx or a CDN (docs/render.md).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import io
import json
import logging
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.template.loader import render_to_string
from PIL import Image
from pypdf import PdfReader, PdfWriter

from chenbao.editions import pageimages
from chenbao.editions.blocks import web_parts
from chenbao.editions.engine import RenderedPage
from chenbao.editions.layout.arrange import Problem
from chenbao.editions.layout.model import Page
from chenbao.editions.storage import published_url

log = logging.getLogger(__name__)

THUMB_WIDTH = 320
# How wide the page image is shown (the `sizes` of its srcset; site/static/site/epaper.css):
# the whole screen on a phone, the middle column from 1000 px (max 1440 px less the sides).
IMAGE_SIZES = (
    "(min-width: 1440px) 930px, (min-width: 1000px) calc(100vw - 510px), calc(100vw - 18px)"
)
MANIFEST = "manifest.json"
# In an edition's folder while the edition is not finished: nginx (deploy/nginx) and the
# files view then answer 404 for everything in the folder (docs/decisions/0020).
WITHHELD = ".unfinished"
EDITIONS_INDEX = "editions.json"
YEARS = "years"  # years/YYYY.html: the calendar of one year
WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")  # the calendar's columns, Monday first


class StorageWriter:
    """Write files to storage only when their bytes differ from what is there."""

    def __init__(self, storage: Storage):
        self.storage = storage
        self.written: list[str] = []
        self.unchanged: list[str] = []

    def read(self, name: str) -> bytes | None:
        try:
            with self.storage.open(name, "rb") as fh:
                return fh.read()
        except FileNotFoundError:
            return None

    def write(self, name: str, data: bytes) -> None:
        old = self.read(name)
        if old == data:
            self.unchanged.append(name)
            return
        # A storage that overwrites (S3 with file_overwrite) is not asked to delete first:
        # readers would find no file until the new one is up. One that would save under
        # another name instead (FileSystemStorage) is.
        if old is not None and self.storage.get_available_name(name) != name:
            self.storage.delete(name)
        self.storage.save(name, ContentFile(data))
        self.written.append(name)

    def remove(self, name: str) -> None:
        """Delete a file if it is there."""
        if self.storage.exists(name):
            self.storage.delete(name)
            self.written.append(name)


def manifest_read(storage: Storage, folder: str) -> dict | None:
    """Return the published manifest of an edition's folder (YYYY-MM-DD), or None.

    One storage request: a missing manifest is a FileNotFoundError (an OSError). Any other
    failure of the backend (an S3 403, a network fault) is logged and read as no manifest.
    """
    name = f"{folder}/{MANIFEST}"
    try:
        with storage.open(name, "rb") as fh:
            return json.loads(fh.read())
    except (OSError, ValueError):
        return None
    except Exception:
        log.warning("published manifest %s could not be read", name, exc_info=True)
        return None


def page_files_write(
    writer: StorageWriter,
    folder: str,
    printed,
    rendered: RenderedPage,
    page: Page,
    digest: str,
    problems: list[Problem],
    images: pageimages.PageImages,
) -> dict:
    """Write a page's PDF, image and thumbnail; return its manifest entry."""
    number = printed.number
    scale = rendered.png_scale
    with Image.open(io.BytesIO(rendered.png)) as im:
        width_px, height_px = im.size
        thumb = im.convert("RGB")
        thumb.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 2))
        buf = io.BytesIO()
        thumb.save(buf, format="PNG")
    areas = []
    for box in rendered.story_boxes():
        left, top, right, bottom = box.scaled(scale)
        body_top = round(box.body_top * scale)
        areas.append(
            {
                "slot": box.key,
                "story": box.story,
                "title": box.title,
                "url": box.url,
                "coords": [left, top, right, bottom],
                "body": [left, body_top, right, bottom],
                "columns": box.columns,
            }
        )
    writer.write(f"{folder}/{number}.pdf", rendered.pdf)
    writer.write(f"{folder}/{number}.png", rendered.png)
    writer.write(f"{folder}/{number}-thumb.png", buf.getvalue())
    sizes = _variants_write(writer, folder, number, images.sizes)
    thumbs = _variants_write(writer, folder, f"{number}-thumb", images.thumbs)
    return {
        "number": number,
        "name": printed.name,
        # 责任编辑 / 美编 / 校对 as the folio prints them (the e-paper page shows them too).
        "staff": page.folio.staff(),
        "hash": digest,
        "pdf": f"{number}.pdf",
        "png": f"{number}.png",
        "thumb": f"{number}-thumb.png",
        "html": f"{number}.html",
        "sizes": sizes,
        "thumbs": thumbs,
        "width_px": width_px,
        "height_px": height_px,
        "areas": areas,
        "blocks": web_parts(page),
        "problems": [dataclasses.asdict(p) for p in problems],
    }


def _variants_write(
    writer: StorageWriter, folder: str, stem: str, variants: list[pageimages.Variant]
) -> list[dict]:
    """Write each size of an image; return them as [{width, height, webp, jpeg?}], narrowest
    first (the zoom's size has no JPEG)."""
    sizes: dict[int, dict] = {}
    for v in variants:
        name = v.name(stem)
        writer.write(f"{folder}/{name}", v.data)
        size = sizes.setdefault(v.width, {"width": v.width, "height": v.height})
        size[v.format] = name
        size[f"{v.format}_bytes"] = len(v.data)
    return [sizes[w] for w in sorted(sizes)]


def edition_pdf_write(writer: StorageWriter, edition, folder, numbers, page_pdfs) -> None:
    """Write the edition PDF: every page's own PDF, in page order (when any page changed)."""
    if not page_pdfs and writer.read(f"{folder}/edition.pdf") is not None:
        return
    pdf_out = PdfWriter()
    pdf_out.pdf_header = "%PDF-1.7"  # as the pages Typst wrote, not pypdf's default 1.3
    for n in numbers:
        data = page_pdfs.get(n) or writer.read(f"{folder}/{n}.pdf")
        if data:
            for page in PdfReader(io.BytesIO(data)).pages:
                pdf_out.add_page(page)
    pdf_out.add_metadata({"/Title": f"{edition.paper} {folder}"})
    buf = io.BytesIO()
    pdf_out.write(buf)
    writer.write(f"{folder}/edition.pdf", buf.getvalue())


def _with_urls(folder: str, entry: dict, url: Callable[[str], str]) -> dict:
    """A manifest entry with the URLs of its files (for the templates)."""
    page = dict(entry)
    for key in ("png", "pdf", "thumb"):
        page[f"{key}_url"] = url(f"{folder}/{entry[key]}")
    sizes, thumbs = entry.get("sizes", []), entry.get("thumbs", [])
    for fmt in pageimages.FORMATS:
        page[f"{fmt}_srcset"] = ", ".join(
            f"{url(f'{folder}/{s[fmt]}')} {s['width']}w" for s in sizes if fmt in s
        )
    if sizes:  # published before the sizes were made: the PNG alone
        page["src_url"] = url(f"{folder}/{_fallback(sizes)['jpeg']}")
        page["zoom_url"] = url(f"{folder}/{sizes[-1]['webp']}")
    else:
        page["src_url"] = page["zoom_url"] = page["png_url"]
    if thumbs:
        page["thumb_webp_url"] = url(f"{folder}/{thumbs[0]['webp']}")
        page["thumb_url"] = url(f"{folder}/{thumbs[0]['jpeg']}")
    return page


def _fallback(sizes: list[dict]) -> dict:
    """The size an old browser without srcset gets: the one for a desktop column."""
    jpegs = [s for s in sizes if "jpeg" in s]
    return next((s for s in jpegs if s["width"] >= pageimages.WIDTHS[1]), jpegs[-1])


@dataclasses.dataclass(frozen=True)
class EditionInfo:
    """What the reader pages show of an edition (from the database, or from its manifest)."""

    paper: str
    date: dt.date
    weekday: str
    issue_number: int | None

    @classmethod
    def of(cls, edition) -> EditionInfo:
        return cls(edition.paper, edition.date, edition.weekday, edition.issue_number)

    @classmethod
    def from_manifest(cls, manifest: dict) -> EditionInfo:
        return cls(
            manifest["paper"],
            dt.date.fromisoformat(manifest["date"]),
            manifest.get("weekday", ""),
            manifest.get("issue_number"),
        )


def edition_context(
    info: EditionInfo,
    folder: str,
    entries: list[dict],
    file_url: Callable[[str], str] = published_url,
) -> dict:
    """The template context shared by an edition's reader pages.

    `file_url` turns a published file's name into its URL: the public one by default; the
    newsroom's preview passes its own, as an unfinished edition's files are withheld.
    """
    return {
        "edition": info,
        "folder": folder,
        "pages": [_with_urls(folder, e, file_url) for e in entries],
        "edition_pdf_url": file_url(f"{folder}/edition.pdf"),
        "image_sizes": IMAGE_SIZES,
    }


def page_html(context: dict, number: str, *, preview: bool = False) -> str | None:
    """Return the reader's HTML of page `number` of the edition in `context`, or None."""
    pages = context["pages"]
    i = next((i for i, p in enumerate(pages) if p["number"] == number), None)
    if i is None:
        return None
    return render_to_string(
        "editions/epaper/page.html",
        {
            **context,
            "page": pages[i],
            "previous": pages[i - 1] if i > 0 else None,
            "next": pages[i + 1] if i + 1 < len(pages) else None,
            "preview": preview,
        },
    )


def edition_html_write(
    writer: StorageWriter, edition, folder: str, entries: list[dict], *, finished: bool
) -> None:
    """Write the edition's manifest and, when it is finished, its reader pages.

    Only a finished edition is public (docs/decisions/0020-epaper-reader.md): its pages'
    HTML is written and it is put on the list of editions. An edition that is not finished
    keeps only its manifest (and page files), which the newsroom's preview reads; reader
    pages it had from an earlier run are removed.
    """
    info = EditionInfo.of(edition) if not isinstance(edition, EditionInfo) else edition
    context = edition_context(info, folder, entries)
    html_names = [f"{folder}/{e['html']}" for e in entries] + [f"{folder}/index.html"]
    if finished:
        for page in context["pages"]:
            writer.write(
                f"{folder}/{page['html']}", (page_html(context, page["number"]) or "").encode()
            )
        writer.write(
            f"{folder}/index.html",
            render_to_string("editions/epaper/edition.html", context).encode(),
        )
    else:
        edition_withhold(writer, folder)
        for name in html_names:
            writer.remove(name)
    manifest = {
        "paper": info.paper,
        "date": folder,
        "weekday": info.weekday,
        "issue_number": info.issue_number,
        "finished": finished,
        "pages": {e["number"]: e for e in entries},
    }
    writer.write(
        f"{folder}/{MANIFEST}",
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode(),
    )
    _index_write(writer, info, folder, entries if finished else None)
    if finished:  # the last step: its files become public once its pages are in place
        writer.remove(f"{folder}/{WITHHELD}")


def edition_withhold(writer: StorageWriter, folder: str) -> None:
    """Keep every file of the edition in `folder` from readers until it is finished."""
    writer.write(f"{folder}/{WITHHELD}", b"not finished: withheld from readers\n")


def edition_withheld(storage: Storage, folder: str) -> bool:
    """Whether the edition in `folder` is withheld from readers (not finished)."""
    return storage.exists(f"{folder}/{WITHHELD}")


def editions_held(writer: StorageWriter) -> list[dict]:
    """Every public edition, newest first (editions.json)."""
    return json.loads(writer.read(EDITIONS_INDEX) or b"[]")


def _index_write(
    writer: StorageWriter, info: EditionInfo, folder: str, entries: list[dict] | None
) -> None:
    """Put the edition on the list of public editions (or take it off: `entries` None)."""
    held = editions_held(writer)
    known = [e for e in held if e["date"] != folder]
    if entries is not None:
        first = entries[0] if entries else None
        known.append(
            {
                "date": folder,
                "paper": info.paper,
                "weekday": info.weekday,
                "pages": len(entries),
                "first": first["number"] if first else "",
                "thumb": f"{folder}/{_thumb_name(first)}" if first else "",
            }
        )
    editions_index_write(writer, known, info.paper, held=held)


def editions_index_write(
    writer: StorageWriter, known: list[dict], paper_name: str, *, held: list[dict]
) -> None:
    """Write the list of editions (editions.json) and the calendar: index.html holds the
    newest year's months, years/YYYY.html each year's, all with the list of years (an
    archive of thirty years is 360 months: one page of them is too long for a phone).

    A year's page is written again only when its editions changed or a year came or went
    (the list of years is on every page): publishing today's paper rewrites this year's
    page and index.html, not thirty years of them. `held`: the list as it was before
    (editions_held), which the caller has read."""
    before = _by_year(held)
    known = sorted(known, key=lambda e: e["date"], reverse=True)
    writer.write(EDITIONS_INDEX, json.dumps(known, ensure_ascii=False, indent=1).encode())
    editions = [{**e, "thumb_url": published_url(e["thumb"]) if e["thumb"] else ""} for e in known]
    by_year = _by_year(known)
    years = sorted(by_year, reverse=True)

    def page(year: int | None) -> bytes:
        shown = year if year is not None else (years[0] if years else None)
        return render_to_string(
            "editions/epaper/index.html",
            {
                "editions": editions if year is None else [],
                "months": calendar_months(by_year.get(shown, []) if shown else []),
                "years": years,
                "year": shown,
                "weekdays": WEEKDAYS,
                "paper_name": paper_name,
            },
        ).encode()

    writer.write("index.html", page(None))
    same_years = set(before) == set(by_year)
    for year in years:
        if (
            not same_years
            or before[year] != by_year[year]
            or not writer.storage.exists(_year_file(year))
        ):
            writer.write(_year_file(year), page(year))
    try:
        stale = [n for n in writer.storage.listdir(YEARS)[1] if n[:4].isdigit()]
    except (OSError, NotImplementedError):  # no such folder yet, or a storage that cannot list
        stale = []
    for name in stale:
        if int(name[:4]) not in by_year:  # a year none of whose editions is held now
            writer.remove(f"{YEARS}/{name}")


def _by_year(editions: list[dict]) -> dict[int, list[dict]]:
    by_year: dict[int, list[dict]] = {}
    for e in sorted(editions, key=lambda e: e["date"], reverse=True):
        by_year.setdefault(int(e["date"][:4]), []).append(e)
    return by_year


def _year_file(year: int) -> str:
    return f"{YEARS}/{year}.html"


def archive_editions_write(writer: StorageWriter, editions: list[dict]) -> list[str]:
    """The editions the archive holds as text only (imported from old page dumps): each its
    list of pages and their stories' headlines (YYYY-MM-DD/index.html), on the list of
    editions and in the calendar. An edition published as an e-paper keeps its own files.

    `editions`: {"paper", "date" (a date), "weekday", "pages": [{"number", "name",
    "stories": [{"title", "url"}]}]}. Returns the folders written.
    """
    held = editions_held(writer)
    known = {e["date"]: e for e in held}
    written: list[str] = []
    removed = False
    for edition in editions:
        folder = edition["date"].isoformat()
        if folder in known and not known[folder].get("text"):
            continue  # an e-paper: its pages have images, its own index
        info = EditionInfo(edition["paper"], edition["date"], edition["weekday"], None)
        pages = [p for p in edition["pages"] if p["stories"]]
        if not pages:
            if folder in known:  # its stories all gone since
                writer.remove(f"{folder}/index.html")
                del known[folder]
                removed = True
            continue
        context = {"edition": info, "folder": folder, "text_pages": pages}
        writer.write(
            f"{folder}/index.html",
            render_to_string("editions/epaper/edition_text.html", context).encode(),
        )
        known[folder] = {
            "date": folder,
            "paper": info.paper,
            "weekday": info.weekday,
            "pages": len(pages),
            "first": "",  # no page image: never the front page
            "thumb": "",
            "text": True,
        }
        written.append(folder)
    if written or removed:
        editions_index_write(writer, list(known.values()), editions[0]["paper"], held=held)
    return written


def _thumb_name(entry: dict) -> str:
    thumbs = entry.get("thumbs")
    return thumbs[0]["jpeg"] if thumbs else entry["thumb"]


def calendar_months(editions: list[dict]) -> list[dict]:
    """The months holding editions, newest first, each as weeks of days (Monday first).

    A day is {"day": n, "date": "YYYY-MM-DD", "edition": bool}; None pads the weeks.
    """
    held = {e["date"] for e in editions}
    months = sorted({d[:7] for d in held}, reverse=True)
    out = []
    for month in months:
        year, mon = int(month[:4]), int(month[5:7])
        weeks = []
        for week in calendar.Calendar(firstweekday=0).monthdayscalendar(year, mon):
            row: list[dict[str, object] | None] = []
            for day in week:
                if not day:
                    row.append(None)
                    continue
                date = f"{month}-{day:02d}"
                row.append({"day": day, "date": date, "edition": date in held})
            weeks.append(row)
        out.append({"key": month, "year": year, "month": mon, "weeks": weeks})
    return out
