"""The e-paper as published files: page images, PDFs, the manifest and the reader's HTML.

This is the one e-paper: the publish step writes it to the publish storage and the reader
site serves those files (chenbao/site/views.py), never a second rendering from the
database. Layout of the storage:

    editions.json, index.html          every edition published, newest first
    YYYY-MM-DD/manifest.json           the edition: each page's files, areas and blocks
    YYYY-MM-DD/index.html              the edition's page list
    YYYY-MM-DD/A02.html                a page: image with story areas, stories, banner…
    YYYY-MM-DD/A02.png, A02-thumb.png, A02.pdf, edition.pdf

The HTML links pages by the reader site's URLs (/epaper/YYYY-MM-DD/A02/) and files by
PUBLISH_URL, so the same files serve behind Django, nginx or a CDN (docs/render.md).
"""

from __future__ import annotations

import dataclasses
import io
import json
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.template.loader import render_to_string
from PIL import Image
from pypdf import PdfReader, PdfWriter

from chenbao.editions.blocks import web_parts
from chenbao.editions.engine import RenderedPage
from chenbao.editions.layout.arrange import Problem
from chenbao.editions.layout.model import Page
from chenbao.editions.storage import published_url

log = logging.getLogger(__name__)

THUMB_WIDTH = 320
MANIFEST = "manifest.json"
EDITIONS_INDEX = "editions.json"


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
        "width_px": width_px,
        "height_px": height_px,
        "areas": areas,
        "blocks": web_parts(page),
        "problems": [dataclasses.asdict(p) for p in problems],
    }


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


def _with_urls(folder: str, entry: dict) -> dict:
    """A manifest entry with the public URLs of its files (for the templates)."""
    page = dict(entry)
    for key in ("png", "pdf", "thumb"):
        page[f"{key}_url"] = published_url(f"{folder}/{entry[key]}")
    return page


def edition_html_write(writer: StorageWriter, edition, folder: str, entries: list[dict]) -> None:
    """Write the edition's manifest, its reader pages and the list of every edition."""
    pages = [_with_urls(folder, e) for e in entries]
    context = {
        "edition": edition,
        "folder": folder,
        "pages": pages,
        "edition_pdf_url": published_url(f"{folder}/edition.pdf"),
    }
    for i, page in enumerate(pages):
        html = render_to_string(
            "editions/epaper/page.html",
            {
                **context,
                "page": page,
                "previous": pages[i - 1] if i > 0 else None,
                "next": pages[i + 1] if i + 1 < len(pages) else None,
            },
        )
        writer.write(f"{folder}/{page['html']}", html.encode())
    writer.write(
        f"{folder}/index.html", render_to_string("editions/epaper/edition.html", context).encode()
    )
    manifest = {
        "paper": edition.paper,
        "date": folder,
        "weekday": edition.weekday,
        "issue_number": edition.issue_number,
        "pages": {e["number"]: e for e in entries},
    }
    writer.write(
        f"{folder}/{MANIFEST}",
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode(),
    )
    _index_write(writer, edition, folder, entries)


def _index_write(writer: StorageWriter, edition, folder: str, entries: list[dict]) -> None:
    """Put the edition on the list of every published edition, newest first."""
    known = json.loads(writer.read(EDITIONS_INDEX) or b"[]")
    known = [e for e in known if e["date"] != folder]
    first = entries[0] if entries else None
    known.append(
        {
            "date": folder,
            "paper": edition.paper,
            "weekday": edition.weekday,
            "pages": len(entries),
            "first": first["number"] if first else "",
            "thumb": f"{folder}/{first['thumb']}" if first else "",
        }
    )
    known.sort(key=lambda e: e["date"], reverse=True)
    writer.write(EDITIONS_INDEX, json.dumps(known, ensure_ascii=False, indent=1).encode())
    editions = [{**e, "thumb_url": published_url(e["thumb"]) if e["thumb"] else ""} for e in known]
    writer.write(
        "index.html",
        render_to_string("editions/epaper/index.html", {"editions": editions}).encode(),
    )
