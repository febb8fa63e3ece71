"""`chenbao figures extract FILE|- [--json]`: the figures a story or a page dump prints."""

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

    def handle(self, *args, **options):
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
