"""`chenbao search QUERY`: search the archive from the command line (JSON with --json)."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from chenbao.archive.search.engine import Filters, SearchUnavailable
from chenbao.archive.search.services import UNAVAILABLE, story_search


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"日期格式不对：{value}（应为 YYYY-MM-DD）", returncode=2) from exc


class Command(BaseCommand):
    help = "检索报纸档案：多个词同时出现（AND），“引号”内为短语；可按日期、栏目、版面、作者筛选"

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="+", help="words to find (all of them)")
        parser.add_argument("--from", dest="date_from", help="from this date, YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", help="to this date, YYYY-MM-DD")
        parser.add_argument("--section", default="", help="section (栏目), e.g. 要闻")
        parser.add_argument("--byline", default="", help="a reporter's name")
        parser.add_argument("--page", default="", help="printed page (版号), e.g. A02")
        parser.add_argument("--kind", default="", choices=["", "printed", "web"])
        parser.add_argument("--limit", type=int, default=20, help="hits to show (20)")
        parser.add_argument("--offset", type=int, default=0, help="hits to skip (0)")
        parser.add_argument(
            "--newsroom",
            action="store_true",
            help="also withdrawn (撤稿) and unpublished stories, marked",
        )
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options):
        if not 1 <= options["limit"] <= 1000 or options["offset"] < 0:
            raise CommandError("--limit 应在 1 到 1000 之间，--offset 不能为负", returncode=2)
        filters = Filters(
            date_from=_date(options["date_from"]) if options["date_from"] else None,
            date_to=_date(options["date_to"]) if options["date_to"] else None,
            section=options["section"],
            page=options["page"],
            byline=options["byline"],
            kind=options["kind"],
            public_only=not options["newsroom"],
        )
        try:
            result = story_search(
                query=" ".join(options["query"]),
                filters=filters,
                limit=options["limit"],
                offset=options["offset"],
            )
        except SearchUnavailable as exc:  # an OpenSearch cluster down or unreachable
            raise CommandError(f"{UNAVAILABLE}（{exc}）", returncode=1) from exc
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {"total": result.total, "hits": [h.as_json() for h in result.hits]},
                    ensure_ascii=False,
                    indent=1,
                )
            )
            return
        self.stdout.write(f"共 {result.total} 篇")
        for i, hit in enumerate(result.hits, start=result.offset + 1):
            mark = " [撤稿]" if hit.withdrawn else ("" if hit.live else " [未发布]")
            where = " ".join(filter(None, [str(hit.date or ""), hit.page, hit.section]))
            self.stdout.write(f"{i:>3}. {hit.title}{mark}  ({where})  {hit.url}")
            self.stdout.write(f"     {_plain(hit.snippet)}")


def _plain(snippet: str) -> str:
    import html

    return html.unescape(snippet.replace("<mark>", "【").replace("</mark>", "】"))
