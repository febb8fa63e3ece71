"""`chenbao import-archive DIR`: import every page dump under DIR (DIR/YYYY-MM-DD/A02.txt)."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from chenbao.archive.bulk import BATCH, archive_import
from chenbao.archive.dumps import MAX_PAGE_BYTES
from chenbao.archive.search.services import search_grams_missing


class Command(BaseCommand):
    help = "导入旧版数字报文本的整个文件夹：DIR/YYYY-MM-DD/A02.txt 或 A02_版名.txt"
    # Django's system checks take ~1 s as the command starts (they import every URL conf);
    # the server and `chenbao check` run them. A night's import of a few pages should not
    # wait for them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument(
            "dir", help="the archive folder: one folder per date, one file per page"
        )
        parser.add_argument(
            "--workers", type=int, default=2, help="processes that parse the dumps (default 2)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="read and parse every file, store nothing"
        )
        parser.add_argument(
            "--batch", type=int, default=BATCH, help=f"pages a transaction ({BATCH})"
        )
        parser.add_argument(
            "--max-page-bytes",
            type=int,
            default=getattr(settings, "CHENBAO_ARCHIVE_MAX_PAGE_BYTES", MAX_PAGE_BYTES),
            help="refuse a file larger than this (default 1 MB, CHENBAO_ARCHIVE_MAX_PAGE_BYTES)",
        )
        parser.add_argument(
            "--defer-index",
            action="store_true",
            help="queue the stories for search, index them later (chenbao search-reindex)",
        )
        parser.add_argument(
            "--reparse",
            action="store_true",
            help="also import the unchanged files again, in place (after an upgrade)",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        root = Path(options["dir"])
        if not root.is_dir():
            raise CommandError(f"{root}: not a folder", returncode=2)
        if options["workers"] < 1 or options["batch"] < 1 or options["max_page_bytes"] < 1:
            raise CommandError(
                "--workers, --batch and --max-page-bytes must be at least 1", returncode=2
            )
        started = time.perf_counter()
        with Progress(
            TextColumn("[bold]导入"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} 版/秒"),
            TimeRemainingColumn(),
            disable=options["no_progress"],
            console=None,
        ) as bar:
            task = bar.add_task("import", total=None, rate="-")

            def progress(done: int, total: int) -> None:
                rate = done / max(1e-9, time.perf_counter() - started)
                bar.update(task, completed=done, total=total, rate=f"{rate:.0f}")

            result = archive_import(
                root,
                workers=options["workers"],
                dry_run=options["dry_run"],
                batch=options["batch"],
                progress=progress,
                max_bytes=options["max_page_bytes"],
                index=not options["defer_index"],
                reparse=options["reparse"],
            )
        seconds = time.perf_counter() - started
        self._summary(result, seconds, dry_run=options["dry_run"])
        if options["defer_index"] and result.pages and not options["dry_run"]:
            self.stdout.write("search index: deferred; run `chenbao search-reindex` now")
        elif result.pages and not options["dry_run"] and search_grams_missing():
            # grown past GRAMS_FROM batch by batch: found all the same, common phrases slower
            self.stdout.write(
                "search index: a large archive without its common strings counted; run "
                "`chenbao search-reindex` once, outside the morning rush (docs/search.md)"
            )
        if result.failed:
            raise SystemExit(1)

    def _summary(self, result, seconds: float, *, dry_run: bool) -> None:
        out = self.stdout
        for skip in result.skipped:
            out.write(f"skipped {skip.relative}: {skip.reason}")
        for fail in result.failed:
            self.stderr.write(f"failed  {fail.relative}: {fail.reason}")
        verb = "would import" if dry_run else "imported"
        rate = result.found / seconds if seconds else 0.0
        out.write(
            f"{verb} {result.pages} pages ({result.stories} stories, "
            f"{len(result.editions)} editions) in {seconds:.1f} s, {rate:.0f} files/s; "
            f"unchanged {result.unchanged}, skipped {len(result.skipped)}, "
            f"failed {len(result.failed)}"
        )
