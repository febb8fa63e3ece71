"""Publishing (出版): an edition's pages as PDF, PNG and e-paper, written to storage.

`edition_publish` is the one write path: the `render` command, the admin action and the
demo call it. It runs in three phases: build each page's layout model and see which pages
changed (`_pages_plan`), lay the changed ones out with Typst (`_pages_render`), write their
files and the edition's (`_pages_write`, then epaper.edition_html_write). Output goes to a
Django storage (editions/storage.py). Each page's content hash is kept in the edition's
manifest: a page whose hash is unchanged is not laid out again, and a file whose bytes are
unchanged is not rewritten. The print PDFs get crop marks when asked (`crop_marks`, or the
PRINT_CROP_MARKS setting).
"""

from __future__ import annotations

import hashlib
import json
import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import Storage

from chenbao.core.access import Action, require
from chenbao.core.services import audit_record
from chenbao.editions import epaper, pageimages
from chenbao.editions.engine import RenderedPage, TypstEngine, page_data, template_digest
from chenbao.editions.images import ImageCopier
from chenbao.editions.layout.arrange import Problem
from chenbao.editions.layout.model import Page
from chenbao.editions.models import Edition
from chenbao.editions.pagemodel import page_model_build
from chenbao.editions.pool import RenderFailed, render_pages, render_workers
from chenbao.editions.printpdf import CropMarks, crop_marks_add
from chenbao.editions.storage import publish_storage
from chenbao.editions.typography import Typography
from chenbao.site.frontcache import edition_refresh

log = logging.getLogger(__name__)

PRINTPDF = Path(__file__).parent.parent / "printpdf.py"


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
    # What stopped 出版 (edition_release's gates), page by page; nothing was written then.
    blocked: list[str] = field(default_factory=list)


# A gate looks at every page laid out (its printed page, its rendering or failure, and the
# problems found before rendering) and returns what stops the edition, in Chinese.
Gate = Callable[[list[tuple[Any, "RenderedPage | RenderFailed", list[Problem]]]], list[str]]


def print_marks(crop_marks: bool | CropMarks | None = None) -> CropMarks | None:
    """The crop marks the print PDFs get: as asked, else as the PRINT_CROP_MARKS setting says.

    True means marks of the PRINT_SLUG_MM and PRINT_BLEED_MM settings; None, no marks.
    """
    if isinstance(crop_marks, CropMarks):
        return crop_marks
    if crop_marks is None:
        crop_marks = settings.CHENBAO["PRINT_CROP_MARKS"]
    if not crop_marks:
        return None
    return CropMarks(
        slug_mm=settings.CHENBAO["PRINT_SLUG_MM"], bleed_mm=settings.CHENBAO["PRINT_BLEED_MM"]
    )


def _page_hash(data: dict, ppi: float, marks: CropMarks | None = None) -> str:
    digest = hashlib.sha256()
    digest.update(template_digest().encode())
    digest.update(json.dumps(data, ensure_ascii=False, sort_keys=True).encode())
    digest.update(str(ppi).encode())
    if marks is not None:  # the PDF with marks is another file: re-render when they change
        digest.update(repr(marks).encode())
        digest.update(PRINTPDF.read_bytes())
    return digest.hexdigest()


@dataclass
class _ToRender:
    printed: Any  # PrintedPage
    model: Page
    digest: str
    problems: list[Problem]


@dataclass
class _Run:
    """One publishing run: what was there before, and what this run has found and made."""

    edition: Edition
    writer: epaper.StorageWriter
    folder: str
    old_pages: dict[str, dict]
    marks: CropMarks | None
    tick: Callable[[str], None]
    results: list[PagePublished] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    manifest_pages: dict[str, dict] = field(default_factory=dict)
    page_pdfs: dict[str, bytes] = field(default_factory=dict)

    def keep_previous(self, number: str) -> None:
        """Keep what was published of a page this run does not (re)write."""
        if number in self.old_pages:
            self.manifest_pages[number] = self.old_pages[number]

    def failed(self, printed, exc, page_problems: list[Problem]) -> None:
        """Record a page that could not be laid out; its old files stay published."""
        message = getattr(exc, "message", None) or str(exc)
        page_problems.append(
            Problem(printed.number, "*", "error", f"{printed.number}版排版失败：{message}")
        )
        self.problems.extend(page_problems)
        self.results.append(PagePublished(printed.number, printed.name, "", False, page_problems))
        self.keep_previous(printed.number)


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
    gate: Gate | None = None,
) -> EditionPublished:
    """Render `edition` and write its PDF, PNG and e-paper HTML to `storage`.

    `pages` limits the work to those page numbers (the others keep their files). A page
    that fails is reported and skipped; the rest of the edition is still published.
    Pages are laid out on `workers` threads (default: the RENDER_WORKERS setting, or
    one per core); `progress(number, done, total)` is called as each page is done.
    `crop_marks` (default: the PRINT_CROP_MARKS setting) adds crop marks, TrimBox and
    BleedBox to the print PDFs (see `print_marks`); the PNG and e-paper do not change.
    `gate` (出版, see `edition_release`) sees every page once laid out; when it names
    anything, nothing is written and the result's `blocked` says why.
    """
    writer = epaper.StorageWriter(storage or publish_storage())
    folder = f"{edition.date:%Y-%m-%d}"
    printed_pages = list(
        edition.pages.select_related("edition", "print_release").order_by("number")
    )
    done = 0

    def tick(number: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(number, done, len(printed_pages))

    old = epaper.manifest_read(writer.storage, folder) or {}
    run = _Run(edition, writer, folder, old.get("pages", {}), print_marks(crop_marks), tick)
    with tempfile.TemporaryDirectory(prefix="chenbao-render-") as root:
        engine = TypstEngine(
            root=Path(root), typography=typography, ppi=ppi, zoom_ppi=pageimages.ZOOM_PPI
        )
        todo = _pages_plan(
            run,
            printed_pages,
            engine=engine,
            base_url=base_url or settings.WAGTAILADMIN_BASE_URL,
            only=pages,
            force=force,
            ppi=ppi,
        )
        rendered = _pages_render(run, todo, engine=engine, workers=workers)
        if gate is not None:
            blocked = gate(
                [(t.printed, r, t.problems) for t, r in zip(todo, rendered, strict=True)]
            )
            if blocked:
                return EditionPublished(folder, [], [], [], run.problems, blocked=blocked)
        if not _finished_after(run, printed_pages, todo, rendered):
            # Not public when this run ends: withheld before its first file (decision 0020).
            epaper.edition_withhold(writer, folder)
        _pages_write(run, todo, rendered)
    order = {p.number: i for i, p in enumerate(printed_pages)}
    run.results.sort(key=lambda r: order[r.number])

    numbers = [p.number for p in printed_pages if p.number in run.manifest_pages]
    epaper.edition_pdf_write(writer, edition, folder, numbers, run.page_pdfs)
    finished = edition_finished(printed_pages, run.manifest_pages)
    epaper.edition_html_write(
        writer, edition, folder, [run.manifest_pages[n] for n in numbers], finished=finished
    )
    if storage is None:  # the public storage: the caches in front must show the new files
        edition_refresh(edition)
    if not any(p.kind == "error" for p in run.problems) and not pages:
        # Every page is out: the ads placed in it have appeared in print (已见报).
        from chenbao.ads.services import edition_ads_publish

        edition_ads_publish(edition=edition, user=user)
    audit_record(
        actor=user,
        action="edition.publish",
        obj=edition,
        detail={
            "pages": [r.number for r in run.results if r.rendered],
            "written": len(writer.written),
            "problems": len(run.problems),
        },
    )
    return EditionPublished(folder, run.results, writer.written, writer.unchanged, run.problems)


def edition_finished(printed_pages: list, published: dict[str, dict]) -> bool:
    """Whether an edition is finished, and so public on the reader site.

    Finished: every page of the edition is published (has its files), and every page either
    carries a story laid out on it or has been sent to print (付印: a page of ads only, a
    full-page picture). An edition whose pages are still empty shells (a folio and an ad)
    is not; the newsroom previews it (docs/decisions/0020-epaper-reader.md).
    """
    if not printed_pages:
        return False
    for printed in printed_pages:
        entry = published.get(printed.number)
        if entry is None:
            return False
        if not entry["areas"] and not hasattr(printed, "print_release"):
            return False
    return True


def _finished_after(run: _Run, printed_pages: list, todo: list[_ToRender], rendered: list) -> bool:
    """Whether the edition will be finished once the pages just rendered are written."""
    published = dict(run.manifest_pages)
    for job, result in zip(todo, rendered, strict=True):
        if not isinstance(result, RenderFailed):
            published[job.printed.number] = {"areas": result.story_boxes()}
    return edition_finished(printed_pages, published)


def _pages_plan(
    run: _Run,
    printed_pages: list,
    *,
    engine: TypstEngine,
    base_url: str,
    only: list[str] | None,
    force: bool,
    ppi: float,
) -> list[_ToRender]:
    """Phase 1 (reads the database): each page's model and hash; return the pages to lay out."""
    missing_fonts = engine.check_fonts()
    todo: list[_ToRender] = []
    for printed in printed_pages:
        number = printed.number
        previous = run.old_pages.get(number)
        if only and number not in only and previous:
            run.keep_previous(number)
            run.tick(number)
            continue
        images = ImageCopier(engine.root)
        page_problems = [
            Problem(number, "*", "font", f"{number}版：缺少字体“{f}”，已用替代字体排版，请安装")
            for f in missing_fonts
        ]
        try:
            model = page_model_build(printed, base_url=base_url, images=images)
            digest = _page_hash(page_data(model, engine.typography), ppi, run.marks)
        except Exception as exc:  # one bad page must not stop the edition
            log.exception("page %s of %s failed to render", number, run.folder)
            run.failed(printed, exc, images.problems + page_problems)
            run.tick(number)
            continue
        # A page published before the reader's image sizes existed is written again.
        if previous and previous.get("hash") == digest and "sizes" in previous and not force:
            run.manifest_pages[number] = previous
            run.results.append(
                PagePublished(number, printed.name, digest, False, areas=previous["areas"])
            )
            run.tick(number)
            continue
        todo.append(_ToRender(printed, model, digest, images.problems + page_problems))
    return todo


def _pages_render(
    run: _Run, todo: list[_ToRender], *, engine: TypstEngine, workers: int | None
) -> list[RenderedPage | RenderFailed]:
    """Phase 2: lay out and render the pages that changed, on several threads."""
    return render_pages(
        [t.model for t in todo],
        root=engine.root,
        typography=engine.typography,
        ppi=engine.ppi,
        zoom_ppi=engine.zoom_ppi,
        workers=render_workers(workers or settings.CHENBAO["RENDER_WORKERS"]),
        engine=engine,
        done=lambda i, _result: run.tick(todo[i].printed.number),
    )


def _pages_write(
    run: _Run, todo: list[_ToRender], rendered_pages: list[RenderedPage | RenderFailed]
) -> None:
    """Phase 3: write each rendered page's files, in page order."""
    ok = [r for r in rendered_pages if not isinstance(r, RenderFailed)]
    images = iter(
        pageimages.page_images_many(
            [(r.png, r.zoom_png) for r in ok],
            workers=render_workers(settings.CHENBAO["RENDER_WORKERS"]),
        )
    )
    for job, rendered in zip(todo, rendered_pages, strict=True):
        printed = job.printed
        number = printed.number
        if isinstance(rendered, RenderFailed):
            log.error("page %s of %s failed to render: %s", number, run.folder, rendered.message)
            run.failed(printed, rendered, job.problems)
            continue
        page_problems = job.problems + rendered.problems
        run.problems.extend(page_problems)
        if run.marks is not None:
            rendered.pdf = crop_marks_add(rendered.pdf, run.marks)
        entry = epaper.page_files_write(
            run.writer,
            run.folder,
            printed,
            rendered,
            job.model,
            job.digest,
            page_problems,
            next(images),
        )
        run.manifest_pages[number] = entry
        run.page_pdfs[number] = rendered.pdf
        run.results.append(
            PagePublished(number, printed.name, job.digest, True, page_problems, entry["areas"])
        )


def edition_epaper_refresh(*, edition: Edition, storage: Storage | None = None) -> bool:
    """Write the edition's e-paper HTML and manifest again from what is published.

    A story withdrawn (撤稿) since loses its area and its place in the page's story list;
    the page image and PDF, what was printed, stay. Return False when the edition was
    never published.
    """
    from chenbao.stories.models import StoryWithdrawal

    writer = epaper.StorageWriter(storage or publish_storage())
    folder = f"{edition.date:%Y-%m-%d}"
    manifest = epaper.manifest_read(writer.storage, folder)
    if manifest is None:
        return False
    withdrawn = {f"story-{pk}" for pk in StoryWithdrawal.objects.values_list("story_id", flat=True)}
    entries = []
    for number in sorted(manifest["pages"]):
        entry = dict(manifest["pages"][number])
        entry["areas"] = [a for a in entry["areas"] if a.get("story") not in withdrawn]
        entries.append(entry)
    epaper.edition_html_write(
        writer, edition, folder, entries, finished=manifest.get("finished", True)
    )
    if storage is None:
        edition_refresh(edition)
    return True


# Problems of the laid-out page that stop 出版 (an archive page is published as imported:
# only a page that could not be laid out at all stops it).
RELEASE_BLOCKING = frozenset({"overset", "overlap", "blank", "off_page", "error", "image"})


def edition_release(
    *,
    edition: Edition,
    user,
    base_url: str | None = None,
    storage: Storage | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> EditionPublished:
    """出版: lay out every page, check the gates, and only when all pass release the print
    PDFs (付印 of each page not yet sent) and publish the e-paper.

    Gates, for each page that is not an archive import: every story passed 终审, three
    proof rounds, and on the laid-out page no overset, overlap, blank band, slot off the
    page or unreadable image. An archive page (every story imported from an old dump) is
    published as imported; only a page that fails to lay out stops it. Audited either way.
    """
    from chenbao.editions.models import PrintRelease
    from chenbao.editions.selectors import page_can_go_to_print, page_is_archive

    require(user, Action.EDITION_PUBLISH, "只有版面编辑、总编、值班总编可以出版")
    pages = list(edition.pages.order_by("number"))
    archive = {page.pk: page_is_archive(page) for page in pages}
    blocked: list[str] = []
    for page in pages:
        if archive[page.pk]:
            continue
        ok, reasons = page_can_go_to_print(page)
        blocked += [f"{page.number}版：{reason}" for reason in reasons]

    def layout_gate(done) -> list[str]:
        found = []
        for printed, rendered, before in done:
            problems = before + list(getattr(rendered, "problems", []))
            if isinstance(rendered, RenderFailed):
                problems.append(
                    Problem(
                        printed.number,
                        "*",
                        "error",
                        f"{printed.number}版排版失败：{rendered.message}",
                    )
                )
            kinds = {"error"} if archive[printed.pk] else RELEASE_BLOCKING
            found += [p.message for p in problems if p.kind in kinds]
        return blocked + found

    result = edition_publish(
        edition=edition,
        storage=storage,
        base_url=base_url,
        force=True,
        progress=progress,
        user=user,
        gate=layout_gate,
    )
    if result.blocked:
        audit_record(
            actor=user,
            action="edition.release_refused",
            obj=edition,
            detail={"reasons": len(result.blocked)},
        )
        return result
    released = [
        PrintRelease(page=page, released_by=user)
        for page in pages
        if not archive[page.pk] and not PrintRelease.objects.filter(page=page).exists()
    ]
    PrintRelease.objects.bulk_create(released)
    audit_record(
        actor=user,
        action="edition.release",
        obj=edition,
        detail={"pages": [p.number for p in pages], "sent_to_print": len(released)},
    )
    return result
