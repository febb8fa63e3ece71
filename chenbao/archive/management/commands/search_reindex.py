"""`chenbao search-reindex`: rebuild the archive's search index from the database."""

import time

from django.core.management.base import BaseCommand, CommandError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from chenbao.archive.search.engine import SearchBusy, SearchUnavailable
from chenbao.archive.search.services import (
    UNAVAILABLE,
    search_engine,
    search_queue_drain,
    search_rebuild_needed,
    search_reindex,
)


class Command(BaseCommand):
    help = "重建报纸档案的检索索引（或 --queue：只处理排队的更新）"

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue", action="store_true", help="only index the stories queued for it"
        )
        parser.add_argument(
            "--if-needed",
            action="store_true",
            help="only if the index holds fewer stories than the database (after an upgrade),"
            " or 50,000 or more without the common strings a rebuild counts",
        )
        parser.add_argument("--batch", type=int, default=2000, help="stories read at a time")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        if options["batch"] < 1:
            raise CommandError("--batch 至少为 1", returncode=2)
        started = time.perf_counter()
        try:
            if options["if_needed"] and not options["queue"] and not search_rebuild_needed():
                self.stdout.write("the index holds every story; nothing to do")
                return
            if options["queue"]:
                done = search_queue_drain(batch=options["batch"])
            else:
                with Progress(
                    TextColumn("[bold]索引"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]} 篇/秒"),
                    TimeRemainingColumn(),
                    disable=options["no_progress"],
                ) as bar:
                    task = bar.add_task("index", total=None, rate="-")

                    def progress(n: int, total: int) -> None:
                        rate = n / max(1e-9, time.perf_counter() - started)
                        bar.update(task, completed=n, total=total, rate=f"{rate:.0f}")

                    done = search_reindex(batch=options["batch"], progress=progress)
            seconds = time.perf_counter() - started
            engine = search_engine()
            self.stdout.write(
                f"indexed {done} stories in {seconds:.1f} s; the index holds {engine.count()} "
                f"stories, {engine.size_bytes() / 1e6:.1f} MB at {engine.path}"
            )
        except SearchBusy as exc:
            raise CommandError(
                "索引正被另一个进程写入（导入或重建正在进行），请稍后再试", returncode=1
            ) from exc
        except SearchUnavailable as exc:  # an OpenSearch cluster down: nothing was lost
            raise CommandError(
                f"{UNAVAILABLE}（{exc}）；排队的更新都还在，集群恢复后重跑即可", returncode=1
            ) from exc
