"""The e-paper as published files: writer, manifest, reader pages, calendar (epaper.py)."""

import datetime as dt
import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, InMemoryStorage
from PIL import Image
from pypdf import PdfReader, PdfWriter

from chenbao.editions import epaper, pageimages
from chenbao.editions.engine import RenderedPage, SlotBox
from chenbao.editions.epaper import (
    EditionInfo,
    StorageWriter,
    archive_editions_write,
    calendar_months,
    edition_context,
    edition_html_write,
    edition_pdf_write,
    edition_withheld,
    editions_held,
    manifest_read,
    page_files_write,
    page_html,
)
from chenbao.editions.layout.arrange import Problem
from chenbao.editions.layout.model import Folio, Page, Slot, WeatherContent, WeatherDay

INFO = EditionInfo("鲁中晨报", dt.date(2022, 12, 2), "星期五", 7001)
FOLDER = "2022-12-02"


def png_bytes(width: int = 300, height: int = 424) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buf, format="PNG")
    return buf.getvalue()


def pdf_bytes(pages: int = 1, width: float = 842) -> bytes:
    out = PdfWriter()
    for _ in range(pages):
        out.add_blank_page(width=width, height=1190)
    buf = io.BytesIO()
    out.write(buf)
    return buf.getvalue()


def rendered_page(number: str = "A02") -> RenderedPage:
    story = SlotBox(
        key="story-1",
        kind="story",
        x=40,
        y=60,
        w=500,
        h=300,
        story="12",
        title="我市新建幼儿园42所",
        url="https://paper.example/local/kindergartens/",
        body_top=120,
        columns=4,
    )
    weather = SlotBox(key="weather", kind="weather", x=560, y=60, w=200, h=150)
    return RenderedPage(
        key=number,
        pdf=pdf_bytes(),
        png=png_bytes(),
        ppi=144,
        width_pt=842,
        height_pt=1190,
        boxes=[story, weather],
    )


def page_model(number: str = "A02") -> Page:
    day = WeatherDay("2日", "多云", "南风2~3级", "-6~5℃", "2日,多云,南风2~3级,-6~5℃")
    folio = Folio("鲁中晨报", "2022年12月2日", "星期五", number, "要闻", editor="王晓")
    weather = Slot(
        "weather", "weather", col=4, span=2, height=60, weather=WeatherContent("天气预报", (day,))
    )
    return Page(number, folio, (weather,))


class Printed:
    def __init__(self, number: str, name: str = "要闻"):
        self.number, self.name = number, name


def entry_for(writer: StorageWriter, number: str = "A02", problems=()) -> dict:
    rendered = rendered_page(number)
    return page_files_write(
        writer,
        FOLDER,
        Printed(number),
        rendered,
        page_model(number),
        "hash-" + number,
        list(problems),
        pageimages.page_images(rendered.png),
    )


def test_the_writer_writes_only_bytes_that_changed():
    writer = StorageWriter(InMemoryStorage())
    writer.write("a.txt", b"one")
    writer.write("a.txt", b"one")
    writer.write("a.txt", b"two")
    assert writer.written == ["a.txt", "a.txt"] and writer.unchanged == ["a.txt"]
    assert writer.read("a.txt") == b"two" and writer.read("missing.txt") is None
    writer.remove("a.txt")
    writer.remove("missing.txt")
    assert writer.read("a.txt") is None and writer.written == ["a.txt"] * 3


def test_a_file_system_storage_overwrites_a_changed_file_in_place(tmp_path):
    writer = StorageWriter(FileSystemStorage(location=str(tmp_path)))
    writer.write("2022-12-02/A02.png", b"old")
    writer.write("2022-12-02/A02.png", b"new")
    assert sorted(p.name for p in (tmp_path / "2022-12-02").iterdir()) == ["A02.png"]
    assert (tmp_path / "2022-12-02" / "A02.png").read_bytes() == b"new"


def test_a_manifest_that_is_missing_unreadable_or_refused_reads_as_none(caplog):
    storage = InMemoryStorage()
    assert manifest_read(storage, FOLDER) is None
    storage.save(f"{FOLDER}/manifest.json", ContentFile(b"{not json"))
    assert manifest_read(storage, FOLDER) is None
    storage.save("2022-12-03/manifest.json", ContentFile('{"paper": "鲁中晨报"}'.encode()))
    assert manifest_read(storage, "2022-12-03") == {"paper": "鲁中晨报"}

    class Refusing(InMemoryStorage):
        def open(self, name, mode="rb"):
            raise RuntimeError("403 Forbidden")

    assert manifest_read(Refusing(), FOLDER) is None
    assert "could not be read" in caplog.text


def test_a_pages_files_are_written_and_its_entry_names_them_with_its_story_areas():
    writer = StorageWriter(InMemoryStorage())
    problem = Problem("A02", "story-1", "overset", "A02版 story-1：超出", chars=12)
    entry = entry_for(writer, problems=[problem])
    assert {n for n in writer.written if not n.endswith((".webp", ".jpg"))} == {
        f"{FOLDER}/A02.pdf",
        f"{FOLDER}/A02.png",
        f"{FOLDER}/A02-thumb.png",
    }
    assert f"{FOLDER}/A02-300.webp" in writer.written
    assert f"{FOLDER}/A02-thumb-240.jpg" in writer.written
    assert (entry["number"], entry["name"], entry["hash"]) == ("A02", "要闻", "hash-A02")
    assert entry["staff"] == "责任编辑 王晓"
    assert (entry["width_px"], entry["height_px"]) == (300, 424)
    [area] = entry["areas"]  # the weather box is not a story area
    assert area["coords"] == [80, 120, 1080, 720]  # 144 ppi: two pixels a point
    assert area["body"] == [80, 240, 1080, 720]
    assert (area["story"], area["columns"], area["slot"]) == ("12", 4, "story-1")
    assert entry["blocks"]["weather"] == [
        {"title": "天气预报", "days": ["2日,多云,南风2~3级,-6~5℃"]}
    ]
    assert entry["problems"][0]["chars"] == 12
    assert entry["sizes"] == [
        {
            "width": 300,
            "height": 424,
            "webp": "A02-300.webp",
            "webp_bytes": len(writer.read(f"{FOLDER}/A02-300.webp")),
            "jpeg": "A02-300.jpg",
            "jpeg_bytes": len(writer.read(f"{FOLDER}/A02-300.jpg")),
        }
    ]
    with Image.open(io.BytesIO(writer.read(f"{FOLDER}/A02-thumb.png"))) as thumb:
        assert thumb.width <= epaper.THUMB_WIDTH


def test_the_edition_pdf_holds_every_page_in_order_and_is_kept_when_nothing_changed():
    writer = StorageWriter(InMemoryStorage())
    writer.write(f"{FOLDER}/A01.pdf", pdf_bytes(width=500))
    edition = INFO
    edition_pdf_write(writer, edition, FOLDER, ["A01", "A02"], {"A02": pdf_bytes(2, width=600)})
    reader = PdfReader(io.BytesIO(writer.read(f"{FOLDER}/edition.pdf")))
    assert [float(p.mediabox.width) for p in reader.pages] == [500, 600, 600]
    assert reader.metadata.title == "鲁中晨报 2022-12-02"
    assert writer.read(f"{FOLDER}/edition.pdf").startswith(b"%PDF-1.7")
    written = len(writer.written)
    edition_pdf_write(writer, edition, FOLDER, ["A01", "A02"], {})
    assert len(writer.written) == written


def test_file_urls_offer_every_size_and_fall_back_to_the_desktop_jpeg():
    sizes = [
        {"width": 600, "webp": "A02-600.webp", "jpeg": "A02-600.jpg"},
        {"width": 900, "webp": "A02-900.webp", "jpeg": "A02-900.jpg"},
        {"width": 1754, "webp": "A02-1754.webp", "jpeg": "A02-1754.jpg"},
        {"width": 2923, "webp": "A02-2923.webp"},
    ]
    thumbs = [{"width": 240, "webp": "A02-thumb-240.webp", "jpeg": "A02-thumb-240.jpg"}]
    entry = {"number": "A02", "png": "A02.png", "pdf": "A02.pdf", "thumb": "A02-thumb.png"}
    context = edition_context(
        INFO, FOLDER, [{**entry, "sizes": sizes, "thumbs": thumbs}], file_url=lambda n: "/f/" + n
    )
    [page] = context["pages"]
    assert page["jpeg_srcset"] == (
        "/f/2022-12-02/A02-600.jpg 600w, /f/2022-12-02/A02-900.jpg 900w, "
        "/f/2022-12-02/A02-1754.jpg 1754w"
    )
    assert page["webp_srcset"].endswith("/f/2022-12-02/A02-2923.webp 2923w")
    assert page["src_url"] == "/f/2022-12-02/A02-900.jpg"
    assert page["zoom_url"] == "/f/2022-12-02/A02-2923.webp"
    assert page["thumb_url"] == "/f/2022-12-02/A02-thumb-240.jpg"
    assert page["pdf_url"] == "/f/2022-12-02/A02.pdf"
    assert context["edition_pdf_url"] == "/f/2022-12-02/edition.pdf"
    old = edition_context(INFO, FOLDER, [entry], file_url=lambda n: "/f/" + n)["pages"][0]
    assert old["src_url"] == old["zoom_url"] == "/f/2022-12-02/A02.png"
    assert old["thumb_url"] == "/f/2022-12-02/A02-thumb.png"


def test_edition_info_reads_the_same_from_the_database_row_or_the_manifest():
    class Row:
        paper, date, weekday, issue_number = "鲁中晨报", dt.date(2022, 12, 2), "星期五", 7001

    assert EditionInfo.of(Row()) == INFO
    manifest = {
        "paper": "鲁中晨报",
        "date": "2022-12-02",
        "weekday": "星期五",
        "issue_number": 7001,
    }
    assert EditionInfo.from_manifest(manifest) == INFO
    assert EditionInfo.from_manifest({"paper": "鲁中晨报", "date": "2022-12-02"}).weekday == ""


def test_the_calendar_marks_the_days_with_an_edition_newest_month_first():
    months = calendar_months(
        [{"date": "2022-12-02"}, {"date": "2022-11-30"}, {"date": "2022-12-01"}]
    )
    assert [(m["key"], m["year"], m["month"]) for m in months] == [
        ("2022-12", 2022, 12),
        ("2022-11", 2022, 11),
    ]
    december = months[0]["weeks"]
    assert december[0][:3] == [None, None, None]  # 1 December 2022 was a Thursday
    assert december[0][3] == {"day": 1, "date": "2022-12-01", "edition": True}
    assert december[0][4]["edition"] is True and december[0][5]["edition"] is False
    assert all(len(week) == 7 for week in december)
    assert calendar_months([]) == []


@pytest.mark.django_db
def test_a_finished_edition_gets_reader_pages_and_goes_on_the_list_of_editions():
    storage = InMemoryStorage()
    writer = StorageWriter(storage)
    entries = [entry_for(writer, "A01"), entry_for(writer, "A02")]
    edition_html_write(writer, INFO, FOLDER, entries, finished=True)
    for name in ("A01.html", "A02.html", "index.html", "manifest.json"):
        assert writer.read(f"{FOLDER}/{name}"), name
    assert not edition_withheld(storage, FOLDER)
    manifest = manifest_read(storage, FOLDER)
    assert manifest["finished"] is True and list(manifest["pages"]) == ["A01", "A02"]
    assert manifest["issue_number"] == 7001
    [held] = editions_held(writer)
    assert (held["date"], held["pages"], held["first"]) == (FOLDER, 2, "A01")
    assert held["thumb"] == f"{FOLDER}/A01-thumb-240.jpg"
    html = writer.read(f"{FOLDER}/A02.html").decode()
    assert "我市新建幼儿园42所" in html and "/epaper/2022-12-02/A01/" in html  # the page before
    assert "2022-12-02" in writer.read("index.html").decode()


def text_edition(date: dt.date, stories: int = 1) -> dict:
    return {
        "paper": "鲁中晨报",
        "date": date,
        "weekday": "星期一",
        "pages": [
            {
                "number": "A02",
                "name": "要闻",
                "stories": [
                    {"title": f"旧闻{k}", "url": f"/yaowen/{date}-a02-{k}/"} for k in range(stories)
                ],
            },
            {"number": "A03", "name": "", "stories": []},  # nothing readers may see: not listed
        ],
    }


@pytest.mark.django_db
def test_the_archives_text_editions_join_the_calendar_and_an_e_paper_keeps_its_own():
    """Thirty years imported from dumps: each day a text edition (its pages' headlines) on
    the list and in the calendar, a page of months per year; never the front page; an
    e-paper edition of the same day is left as it is."""
    writer = StorageWriter(InMemoryStorage())
    edition_html_write(writer, INFO, FOLDER, [entry_for(writer, "A01")], finished=True)
    epaper_index = writer.read(f"{FOLDER}/index.html")
    days = [dt.date(1996, 1, 1), dt.date(1996, 2, 29), dt.date(2010, 7, 1), INFO.date]
    written = archive_editions_write(writer, [text_edition(d) for d in days])
    assert written == ["1996-01-01", "1996-02-29", "2010-07-01"]
    assert writer.read(f"{FOLDER}/index.html") == epaper_index  # the e-paper's own
    held = {e["date"]: e for e in editions_held(writer)}
    assert held[FOLDER].get("text") is None and held[FOLDER]["first"] == "A01"
    assert (
        held["1996-02-29"]["text"],
        held["1996-02-29"]["first"],
        held["1996-02-29"]["pages"],
    ) == (
        True,
        "",
        1,
    )
    day = writer.read("1996-02-29/index.html").decode()
    assert 'href="/yaowen/1996-02-29-a02-0/"' in day and "旧闻0" in day and "A03" not in day
    assert "/epaper/years/1996/#m-1996-02" in day  # 往期日历: that year's page
    index = writer.read("index.html").decode()
    assert 'id="m-2022-12"' in index and 'id="m-1996-02"' not in index  # the newest year
    assert "/epaper/years/1996/" in index and "/epaper/years/2010/" in index
    year = writer.read("years/1996.html").decode()
    assert (
        'id="m-1996-02"' in year and 'aria-label="1996-02-29"' in year and 'id="m-2010' not in year
    )
    # a day whose stories are all gone since (withdrawn): off the calendar
    assert archive_editions_write(writer, [text_edition(dt.date(2010, 7, 1), stories=0)]) == []
    assert writer.read("2010-07-01/index.html") is None
    assert "2010-07-01" not in {e["date"] for e in editions_held(writer)}
    assert writer.read("years/2010.html") is None and writer.read("years/1996.html")
    assert "/epaper/years/2010/" not in writer.read("index.html").decode()


@pytest.mark.django_db
def test_a_new_day_rewrites_its_years_calendar_not_every_years():
    """Thirty years of calendars: a day added to one year writes that year's page and
    index.html; a new year writes them all (each lists the years)."""
    storage = InMemoryStorage()
    days = [dt.date(1996, 1, 1), dt.date(2010, 7, 1), dt.date(2022, 12, 1)]
    archive_editions_write(StorageWriter(storage), [text_edition(d) for d in days])
    again = StorageWriter(storage)
    archive_editions_write(again, [text_edition(dt.date(2010, 7, 2))])
    assert {n for n in again.written if not n.endswith("index.html")} == {
        "editions.json",
        "years/2010.html",
    }
    assert 'aria-label="2010-07-02"' in again.read("years/2010.html").decode()
    new_year = StorageWriter(storage)
    archive_editions_write(new_year, [text_edition(dt.date(2001, 3, 1))])
    assert {"years/1996.html", "years/2001.html", "years/2010.html", "years/2022.html"} <= set(
        new_year.written
    )
    assert "/epaper/years/2001/" in new_year.read("years/1996.html").decode()


@pytest.mark.django_db
def test_an_unfinished_edition_is_withheld_and_taken_off_the_list():
    storage = InMemoryStorage()
    writer = StorageWriter(storage)
    entries = [entry_for(writer, "A01")]
    older = dt.date(2022, 12, 1)
    edition_html_write(
        writer, EditionInfo("鲁中晨报", older, "星期四", None), "2022-12-01", [], finished=True
    )
    edition_html_write(writer, INFO, FOLDER, entries, finished=True)
    assert [e["date"] for e in editions_held(writer)] == [FOLDER, "2022-12-01"]
    edition_html_write(writer, INFO, FOLDER, entries, finished=False)
    assert edition_withheld(storage, FOLDER)
    assert writer.read(f"{FOLDER}/A01.html") is None and writer.read(f"{FOLDER}/index.html") is None
    assert manifest_read(storage, FOLDER)["finished"] is False
    assert [e["date"] for e in editions_held(writer)] == ["2022-12-01"]
    assert editions_held(writer)[0]["thumb"] == ""  # an edition of no pages
    edition_html_write(writer, INFO, FOLDER, entries, finished=True)
    assert not edition_withheld(storage, FOLDER)


@pytest.mark.django_db
def test_a_page_not_in_the_edition_has_no_html_and_a_preview_says_so():
    writer = StorageWriter(InMemoryStorage())
    context = edition_context(INFO, FOLDER, [entry_for(writer, "A01")])
    assert page_html(context, "A09") is None
    assert "编辑部预览" in page_html(context, "A01", preview=True)
    assert "编辑部预览" not in page_html(context, "A01")
    assert json.loads(json.dumps(context["pages"][0]["areas"]))[0]["title"] == "我市新建幼儿园42所"
