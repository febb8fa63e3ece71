"""`chenbao render --date 2022-12-02 --out DIR`: publish an edition as PDF, PNG and e-paper."""

import argparse
import datetime as dt
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from chenbao.editions import selectors
from chenbao.editions.services.publish import edition_publish
from chenbao.editions.storage import publish_storage


class ProgressBar:
    """A one-line progress bar on the terminal (plain lines when not a terminal)."""

    def __init__(self, stream, width: int = 30):
        self.stream = stream
        self.width = width
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, label: str, done: int, total: int) -> None:
        filled = round(self.width * done / max(1, total))
        bar = "█" * filled + "░" * (self.width - filled)
        line = f"[{bar}] {done}/{total} {label}"
        self.stream.write(("\r" + line) if self.tty else line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")


class Command(BaseCommand):
    help = "排出一期报纸：每版 PDF、PNG、数字报网页，以及整期 PDF"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="出版日期，如 2022-12-02（默认最新一期）")
        parser.add_argument("--out", help="输出目录（默认为设置中的出版存储）")
        parser.add_argument("--page", action="append", dest="pages", help="只排这些版（可重复）")
        parser.add_argument("--ppi", type=float, default=None, help="版面图片分辨率（默认150）")
        parser.add_argument("--base-url", default=None, help="稿件链接的网站地址")
        parser.add_argument("--force", action="store_true", help="内容未变的版面也重新排")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")
        parser.add_argument(
            "--crop-marks",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="印刷PDF加裁切线：页面四周各加页边（默认10毫米），设 TrimBox/BleedBox；默认按设置 PRINT_CROP_MARKS",
        )

    def handle(self, *args, **options):
        if options["date"]:
            try:
                day = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"日期格式不对：{options['date']}（应为 2022-12-02）") from exc
            edition = selectors.edition_get(date=day)
        else:
            edition = selectors.edition_latest()
        if edition is None:
            raise CommandError(f"没有这一期报纸：{options['date'] or '（无任何期次）'}")
        storage = publish_storage(options["out"])
        bar = None if options["no_progress"] else ProgressBar(sys.stderr)
        result = edition_publish(
            edition=edition,
            storage=storage,
            base_url=options["base_url"],
            ppi=options["ppi"] or settings.CHENBAO["PUBLISH_PPI"],
            pages=[p.upper() for p in options["pages"] or []] or None,
            force=options["force"],
            progress=bar,
            crop_marks=options["crop_marks"],
        )
        if bar:
            bar.close()
        rendered = [p.number for p in result.pages if p.rendered]
        kept = [p.number for p in result.pages if not p.rendered and p.hash]
        self.stdout.write(
            f"{edition}：重排 {len(rendered)} 版 {' '.join(rendered)}；"
            f"未变 {len(kept)} 版；写入 {len(result.written)} 个文件"
        )
        for problem in result.problems:
            self.stderr.write(f"注意：{problem.message}")
        where = options["out"] or getattr(storage, "location", "出版存储")
        self.stdout.write(f"数字报首页：{where}/{result.date}/index.html")
        if any(p.kind == "error" for p in result.problems):
            raise CommandError("有版面排版失败，见上面的说明；其余版面已输出")
