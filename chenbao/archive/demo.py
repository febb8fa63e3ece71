"""The demo edition: the reference page imported from its dump."""

from chenbao.archive.importer import page_import
from chenbao.archive.pagetext import parse_page, read_page_file
from chenbao.archive.reference import (
    REFERENCE_DATE,
    REFERENCE_NAME,
    REFERENCE_NUMBER,
    REFERENCE_PAGE,
)
from chenbao.archive.search.engine import SearchBusy
from chenbao.archive.search.services import search_catch_up


def load(*, stdout) -> None:
    page = parse_page(read_page_file(REFERENCE_PAGE))
    printed = page_import(
        page=page, date=REFERENCE_DATE, number=REFERENCE_NUMBER, name=REFERENCE_NAME
    )
    stdout.write(f"reference page stored as {printed}")
    try:
        rebuilt = search_catch_up()  # a checkout upgraded since the last demo
    except SearchBusy:
        stdout.write("search index busy: run `chenbao search-reindex` once the demo is up")
    else:
        if rebuilt is not None:
            stdout.write(f"search index rebuilt: {rebuilt} stories")
