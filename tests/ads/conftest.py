"""Fixtures of the ad desk: an edition with pages, an advertiser, artwork files."""

import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image
from pypdf import PdfWriter

EDITION_DATE = dt.date(2022, 12, 3)


@pytest.fixture
def edition(db):
    from chenbao.editions.models import Edition, PrintedPage

    edition = Edition.objects.create(date=EDITION_DATE)
    PrintedPage.objects.create(edition=edition, number="A01", name="头版")
    PrintedPage.objects.create(edition=edition, number="A02", name="要闻")
    return edition


@pytest.fixture
def advertiser(db):
    from chenbao.ads.services import advertiser_create

    return advertiser_create(name="淄博银座商城")


def png(width: int, height: int, name: str = "ad.png") -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=name)


def pdf(width_mm: float, height_mm: float, name: str = "ad.pdf") -> ContentFile:
    writer = PdfWriter()
    writer.add_blank_page(width=width_mm / 25.4 * 72, height=height_mm / 25.4 * 72)
    buffer = io.BytesIO()
    writer.write(buffer)
    return ContentFile(buffer.getvalue(), name=name)


@pytest.fixture
def artwork():
    """Makers of artwork files: artwork.png(w, h), artwork.pdf(w_mm, h_mm)."""

    class Artwork:
        pass

    maker = Artwork()
    maker.png = png
    maker.pdf = pdf
    return maker
