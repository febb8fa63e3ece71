"""Publishing (出版): an edition's pages as PDF, PNG and e-paper HTML, written to storage.

`edition_publish` is the one write path: the `render` command, the admin action and the
demo call it. Output goes to a Django storage: a directory by default, S3-compatible
object storage through django-storages when configured (docs/render.md). Each page's
content hash is kept in the edition's manifest; a page whose hash is unchanged is not
laid out again, and a file whose bytes are unchanged is not rewritten. The print PDFs
get crop marks when asked (`crop_marks`, or the PRINT_CROP_MARKS setting).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.template.loader import render_to_string
from PIL import Image
from pypdf import PdfReader, PdfWriter

from chenbao.core.services import audit_record
from chenbao.editions.layout.arrange import Problem
from chenbao.editions.models import Edition
from chenbao.render.engine import (
    TEMPLATE,
    RenderedPage,
    RenderFailed,
    Typography,
    TypstEngine,
    page_data,
    render_pages,
    render_workers,
)
from chenbao.render.pagemodel import ImageCopier, page_model_build
from chenbao.render.printpdf import CropMarks, crop_marks_add

log = logging.getLogger(__name__)

THUMB_WIDTH = 320
MANIFEST = "manifest.json"
EDITIONS_INDEX = "editions.json"
PRINTPDF = Path(__file__).parent / "printpdf.py"


@dataclass
class PagePublished:
    number: str
    name: str
    hash: str
    rendered: bool  # False when the stored files were already up to date
    problems: list[Problem] = field(default_factory=list)
    areas: list[dict] = field(default_factory=list)


@dataclass
class EditionPublished:
    date: str
    pages: list[PagePublished]
    written: list[str]
    unchanged: list[str]
    problems: list[Problem]


def publish_storage(out_dir: str | Path | None = None) -> Storage:
    """Return where published files go: `out_dir`, the "publish" storage, or var/publish."""
    if out_dir:
        return FileSystemStorage(location=str(out_dir), base_url="/")
    if "publish" in settings.STORAGES:
        return storages["publish"]
    return FileSystemStorage(location=str(publish_dir()), base_url="/")


def publish_dir() -> Path:
    """The directory published files go to when no other storage is configured."""
    return Path(settings.CHENBAO["PUBLISH_DIR"] or Path(settings.MEDIA_ROOT) / "epaper")


class _Writer:
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


def print_marks(crop_marks: bool | CropMarks | None = None) -> CropMarks | None:
    """The crop marks the print PDFs get: as asked, else as the PRINT_CROP_MARKS setting says.

    True means marks of the PRINT_SLUG_MM and PRINT_BLEED_MM settings; None, no marks.
    """
    if isinstance(crop_marks, CropMarks):
        return crop_marks
    if crop_marks is None:
        crop_marks = settings.CHENBAO.get("PRINT_CROP_MARKS", False)
    if not crop_marks:
        return None
    return CropMarks(
        slug_mm=settings.CHENBAO.get("PRINT_SLUG_MM", 10.0),
        bleed_mm=settings.CHENBAO.get("PRINT_BLEED_MM", 3.0),
    )


def _page_hash(data: dict, ppi: float, marks: CropMarks | None = None) -> str:
    digest = hashlib.sha256()
    digest.update(TEMPLATE.read_bytes())
    digest.update(json.dumps(data, ensure_ascii=False, sort_keys=True).encode())
    digest.update(str(ppi).encode())
    if marks is not None:  # the PDF with marks is another file: re-render when they change
        digest.update(repr(marks).encode())
        digest.update(PRINTPDF.read_bytes())
    return digest.hexdigest()


def edition_publish(
    *,
    edition: Edition,
    storage: Storage | None = None,
    base_url: str | None = None,
    ppi: float = 150,
    typography: Typography | None = None,
    pages: list[str] | None = None,
    force: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    workers: int | None = None,
    crop_marks: bool | CropMarks | None = None,
    user=None,
) -> EditionPublished:
    """Render `edition` and write its PDF, PNG and e-paper HTML to `storage`.

    `pages` limits the work to those page numbers (the others keep their files). A page
    that fails is reported and skipped; the rest of the edition is still published.
    Pages are laid out on `workers` threads (default: the RENDER_WORKERS setting, or
    one per core); `progress(number, done, total)` is called as each page is done.
    `crop_marks` (default: the PRINT_CROP_MARKS setting) adds crop marks, TrimBox and
    BleedBox to the print PDFs (see `print_marks`); the PNG and e-paper do not change.
    """
    storage = storage or publish_storage()
    base_url = base_url or settings.WAGTAILADMIN_BASE_URL
    writer = _Writer(storage)
    folder = f"{edition.date:%Y-%m-%d}"
    old = json.loads(writer.read(f"{folder}/{MANIFEST}") or b"{}")
    old_pages = old.get("pages", {})
    printed_pages = list(edition.pages.select_related("edition").order_by("number"))
    results: list[PagePublished] = []
    problems: list[Problem] = []
    page_pdfs: dict[str, bytes] = {}
    manifest_pages: dict[str, dict] = {}
    marks = print_marks(crop_marks)

    workers = render_workers(workers or settings.CHENBAO.get("RENDER_WORKERS"))
    with tempfile.TemporaryDirectory(prefix="chenbao-render-") as root:
        engine = TypstEngine(root=Path(root), typography=typography, ppi=ppi)
        missing_fonts = engine.check_fonts()
        total = len(printed_pages)
        done = 0

        def tick(number: str) -> None:
            nonlocal done
            done += 1
            if progress:
                progress(number, done, total)

        # 1. Page models (reads the database, here): which pages need laying out.
        todo: list[tuple] = []  # (printed page, page model, hash, problems so far)
        for printed in printed_pages:
            number = printed.number
            previous = old_pages.get(number)
            if pages and number not in pages and previous:
                manifest_pages[number] = previous
                tick(number)
                continue
            images = ImageCopier(Path(root))
            page_problems: list[Problem] = [
                Problem(number, "*", "font", f"{number}版：缺少字体“{f}”，已用替代字体排版，请安装")
                for f in missing_fonts
            ]
            try:
                model = page_model_build(printed, base_url=base_url, images=images)
                digest = _page_hash(page_data(model, engine.typography), ppi, marks)
            except Exception as exc:  # one bad page must not stop the edition
                log.exception("page %s of %s failed to render", number, folder)
                page_problems = images.problems + page_problems
                _page_failed(exc, number, page_problems)
                problems.extend(page_problems)
                results.append(PagePublished(number, printed.name, "", False, page_problems))
                if previous:
                    manifest_pages[number] = previous
                tick(number)
                continue
            if previous and previous.get("hash") == digest and not force:
                manifest_pages[number] = previous
                results.append(
                    PagePublished(number, printed.name, digest, False, areas=previous["areas"])
                )
                tick(number)
                continue
            todo.append((printed, model, digest, images.problems + page_problems))

        # 2. Lay out and render the pages that changed, on several threads.
        rendered_pages = render_pages(
            [t[1] for t in todo],
            root=Path(root),
            typography=engine.typography,
            ppi=ppi,
            workers=workers,
            engine=engine,
            done=lambda i, _result: tick(todo[i][0].number),
        )

        # 3. Write them, in page order.
        for (printed, _model, digest, page_problems), rendered in zip(
            todo, rendered_pages, strict=True
        ):
            number = printed.number
            previous = old_pages.get(number)
            if isinstance(rendered, RenderFailed):
                log.error("page %s of %s failed to render: %s", number, folder, rendered.message)
                _page_failed(rendered, number, page_problems)
                problems.extend(page_problems)
                results.append(PagePublished(number, printed.name, "", False, page_problems))
                if previous:
                    manifest_pages[number] = previous
                continue
            page_problems = page_problems + rendered.problems
            problems.extend(page_problems)
            if marks is not None:
                rendered.pdf = crop_marks_add(rendered.pdf, marks)
            entry = _write_page(writer, folder, printed, rendered, digest, page_problems)
            manifest_pages[number] = entry
            page_pdfs[number] = rendered.pdf
            results.append(
                PagePublished(number, printed.name, digest, True, page_problems, entry["areas"])
            )
        order = {p.number: i for i, p in enumerate(printed_pages)}
        results.sort(key=lambda r: order[r.number])

    _write_edition(writer, edition, folder, printed_pages, manifest_pages, page_pdfs)
    audit_record(
        actor=user,
        action="edition.publish",
        obj=edition,
        detail={
            "pages": [r.number for r in results if r.rendered],
            "written": len(writer.written),
            "problems": len(problems),
        },
    )
    return EditionPublished(folder, results, writer.written, writer.unchanged, problems)


def _page_failed(exc, number: str, page_problems: list[Problem]) -> None:
    """Add the problem saying why a page could not be rendered."""
    message = getattr(exc, "message", None) or str(exc)
    page_problems.append(Problem(number, "*", "error", f"{number}版排版失败：{message}"))


def _write_page(writer, folder, printed, rendered: RenderedPage, digest, problems) -> dict:
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
        "hash": digest,
        "pdf": f"{number}.pdf",
        "png": f"{number}.png",
        "thumb": f"{number}-thumb.png",
        "html": f"{number}.html",
        "width_px": width_px,
        "height_px": height_px,
        "areas": areas,
        "problems": [dataclasses.asdict(p) for p in problems],
    }


def _write_edition(writer, edition, folder, printed_pages, manifest_pages, page_pdfs) -> None:
    numbers = [p.number for p in printed_pages if p.number in manifest_pages]
    entries = [manifest_pages[n] for n in numbers]
    # The edition PDF: every page's own PDF, in page order.
    pdf_out = PdfWriter()
    pdf_out.pdf_header = "%PDF-1.7"  # as the pages Typst wrote, not pypdf's default 1.3
    for n in numbers:
        data = page_pdfs.get(n) or writer.read(f"{folder}/{n}.pdf")
        if data:
            for page in PdfReader(io.BytesIO(data)).pages:
                pdf_out.add_page(page)
    pdf_out.add_metadata({"/Title": f"{edition.paper} {folder}"})
    if page_pdfs or writer.read(f"{folder}/edition.pdf") is None:
        buf = io.BytesIO()
        pdf_out.write(buf)
        writer.write(f"{folder}/edition.pdf", buf.getvalue())
    context = {"edition": edition, "folder": folder, "pages": entries}
    for i, entry in enumerate(entries):
        html = render_to_string(
            "render/epaper_page.html",
            {
                **context,
                "page": entry,
                "previous": entries[i - 1] if i > 0 else None,
                "next": entries[i + 1] if i + 1 < len(entries) else None,
            },
        )
        writer.write(f"{folder}/{entry['html']}", html.encode())
    writer.write(
        f"{folder}/index.html", render_to_string("render/epaper_edition.html", context).encode()
    )
    manifest = {"paper": edition.paper, "date": folder, "pages": {e["number"]: e for e in entries}}
    writer.write(
        f"{folder}/{MANIFEST}",
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode(),
    )
    # The list of every published edition, newest first, for browsing back by date.
    known = json.loads(writer.read(EDITIONS_INDEX) or b"[]")
    known = [e for e in known if e["date"] != folder]
    first = entries[0] if entries else None
    known.append(
        {
            "date": folder,
            "paper": edition.paper,
            "weekday": edition.weekday,
            "pages": len(entries),
            "thumb": f"{folder}/{first['thumb']}" if first else "",
        }
    )
    known.sort(key=lambda e: e["date"], reverse=True)
    writer.write(EDITIONS_INDEX, json.dumps(known, ensure_ascii=False, indent=1).encode())
    writer.write(
        "index.html", render_to_string("render/epaper_index.html", {"editions": known}).encode()
    )
