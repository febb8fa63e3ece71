"""The reference page the demo and many tests import."""

from chenbao.archive.pagetext import parse_page, read_page_file
from chenbao.archive.reference import REFERENCE_DATE, REFERENCE_NUMBER, REFERENCE_PAGE


def test_the_reference_dump_is_there_and_parses_as_its_page():
    assert REFERENCE_PAGE.is_file()
    assert REFERENCE_DATE.isoformat() in REFERENCE_PAGE.name
    assert REFERENCE_NUMBER in REFERENCE_PAGE.name
    assert parse_page(read_page_file(REFERENCE_PAGE)).stories
