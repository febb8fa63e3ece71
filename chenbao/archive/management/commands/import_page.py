import datetime as dt
import json
import re

from django.core.management.base import BaseCommand, CommandError

from chenbao.archive.pagetext import PageTextError, page_to_dict, parse_page, read_page_file

PAGE_NUMBER = re.compile(r"^[A-Za-z]{0,2}\d{1,3}$")


class Command(BaseCommand):
    help = (
        "Read an old e-paper page dump: print its page model (--json) or store it into an edition."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the page dump, UTF-8 text")
        parser.add_argument("--json", action="store_true", help="print the page model as JSON")
        parser.add_argument("--date", help="the edition's date, YYYY-MM-DD (to store)")
        parser.add_argument("--page", help="the page number, e.g. A02 (to store)")
        parser.add_argument("--name", default="", help="the page name (版名), e.g. 要闻")
        parser.add_argument("--section", default="要闻", help="the section its stories go to")

    def handle(self, *args, **options):
        try:
            page = parse_page(read_page_file(options["file"]))
        except PageTextError as exc:
            raise CommandError(f"{options['file']}: {exc}", returncode=2) from exc

        if options["json"]:
            self.stdout.write(json.dumps(page_to_dict(page), ensure_ascii=False, indent=2))
            return

        date, number = self._where(options)
        from chenbao.archive.importer import page_import

        printed = page_import(
            page=page, date=date, number=number, name=options["name"], section=options["section"]
        )
        self.stdout.write(
            f"stored {printed}: {len(page.stories)} stories, {len(page.weather)} forecast days, "
            f"{len(page.ads)} ads, {len(page.unplaced)} unplaced"
        )

    def _where(self, options) -> tuple[dt.date, str]:
        if not options["date"] or not options["page"]:
            raise CommandError(
                "to store a page give --date YYYY-MM-DD and --page (e.g. A02); "
                "to print it give --json",
                returncode=2,
            )
        try:
            date = dt.date.fromisoformat(options["date"])
        except ValueError as exc:
            raise CommandError(
                f"--date {options['date']!r} is not a date like 2022-12-02", returncode=2
            ) from exc
        if not PAGE_NUMBER.match(options["page"]):
            raise CommandError(
                f"--page {options['page']!r} is not a page number like A02", returncode=2
            )
        return date, options["page"].upper()
