"""`chenbao figures …`: the figures desk's command line.

- `extract FILE|- [--json]`: the figures a story or a page dump prints (no database);
- `reread [--batch N]`: read every story's figures again (after an extractor update), with a
  progress bar and a summary; the desk's decisions are kept;
- `digest [--date YYYY-MM-DD] [--mail]`: the weekly digest — pledges past their deadline without
  evidence (逾期待核), status changes and figures waiting for the desk in the last 7 days.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from chenbao.figures.extract import extract_page

MAX_BYTES = 5_000_000


class Command(BaseCommand):
    help = "数说与承诺: extract the figures of a story or an e-paper page dump."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        extract = sub.add_parser("extract", help="print the figures a text prints")
        extract.add_argument("file", help="a UTF-8 text or page dump; - reads standard input")
        extract.add_argument("--json", action="store_true", help='print {"figures": [...]}')
        reread = sub.add_parser("reread", help="read every story's figures again")
        reread.add_argument("--batch", type=int, default=200, help="stories a transaction")
        digest = sub.add_parser("digest", help="the weekly digest of pledges and figures")
        digest.add_argument("--date", help="the digest's day, YYYY-MM-DD (default today)")
        digest.add_argument(
            "--mail", action="store_true", help="mail it to the data desk (数据编辑) as well"
        )

    def handle(self, *args, **options):
        if options["action"] == "reread":
            return self._reread(max(1, options["batch"]))
        if options["action"] == "digest":
            return self._digest(options["date"], mail=options["mail"])
        text = self._read(options["file"])
        figures = extract_page(text)
        if options["json"]:
            self.stdout.write(json.dumps({"figures": figures}, ensure_ascii=False, indent=2))
            return
        for f in figures:
            self.stdout.write(
                f"{f['text']}\t{f['value']}\t{f['unit']}\t{f['kind']}\t{f['indicator']}"
                f"\t{f['place']}\t{f['period']}"
            )
        self.stdout.write(f"共 {len(figures)} 个数字")

    def _reread(self, batch: int) -> None:
        import time

        from chenbao.figures.services import stories_figures_extract
        from chenbao.stories.models import StoryPage

        ids = list(StoryPage.objects.order_by("pk").values_list("pk", flat=True))
        started, figures = time.perf_counter(), 0
        for done in range(0, len(ids), batch):
            figures += stories_figures_extract(story_ids=ids[done : done + batch])
            count = min(done + batch, len(ids))
            bar = "#" * (30 * count // max(1, len(ids)))
            self.stderr.write(f"\r[{bar:<30}] {count}/{len(ids)} 篇", ending="")
        self.stderr.write("")
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"重读 {len(ids)} 篇稿件，得到待确认数据 {figures} 个，用时 {seconds:.1f} 秒"
        )

    def _digest(self, day: str | None, *, mail: bool = False) -> None:
        import datetime as dt

        from django.utils import timezone

        from chenbao.figures.digest import weekly_digest

        try:
            today = dt.date.fromisoformat(day) if day else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--date {day!r} 不是 YYYY-MM-DD 格式的日期", returncode=2) from exc
        text = weekly_digest(today)
        self.stdout.write(text)
        if mail:
            from chenbao.figures.digest import digest_mail

            sent = digest_mail(text)
            self.stdout.write(
                f"已发给数据编辑 {sent} 人" if sent else "没有留邮箱的数据编辑，未发送"
            )

    def _read(self, name: str) -> str:
        try:
            data = sys.stdin.buffer.read(MAX_BYTES + 1) if name == "-" else _read_file(name)
        except OSError as exc:
            raise CommandError(f"读不了文件 {name}：{exc.strerror}", returncode=2) from exc
        if len(data) > MAX_BYTES:
            raise CommandError(
                f"{name}：文本超过 {MAX_BYTES // 1_000_000} MB，请分开提交", returncode=2
            )
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(
                f"{name}：不是 UTF-8 文本（第 {exc.start} 字节起无法解码），请先转成 UTF-8",
                returncode=2,
            ) from exc


def _read_file(name: str) -> bytes:
    with open(name, "rb") as handle:
        return handle.read(MAX_BYTES + 1)
