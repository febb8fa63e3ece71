"""Demo ad desk: a booked ad and a public-service ad placed on the demo edition."""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from chenbao.ads.models import AdSlot, Advertiser, Booking, BookingStatus, PublicServiceAd
from chenbao.ads.services import (
    advertiser_create,
    booking_create,
    booking_transition,
    edition_ads_place,
    material_add,
)
from chenbao.editions.demo import DEMO_DATE, demo_pages

LIBRARY = [
    ("一盔一带 安全常在", "一盔一带 安全常在\n遵守交通 安全行驶 佩戴头盔 系安全带\n讲文明 树新风"),
    ("文明城市 人人共建", "文明城市 人人共建\n共建文明城市 共享美好生活\n讲文明 树新风"),
    ("节约粮食 光盘行动", "节约粮食 光盘行动\n谁知盘中餐 粒粒皆辛苦\n讲文明 树新风"),
]
ADVERTISER = "鲁中家电城（示例客户）"
CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"


def load(*, stdout) -> None:
    pages = demo_pages()
    edition = pages["A01"].edition
    for number in ("A01", "A02"):
        AdSlot.objects.get_or_create(
            page_number=number, position="bottom", defaults={"columns": 6, "height_mm": 60}
        )
    for title, text in LIBRARY:
        PublicServiceAd.objects.get_or_create(
            title=title,
            defaults={
                "text": text,
                "sponsor": "淄博市文明办",
                "columns": 6,
                "height_mm": 60,
                "approved": True,
            },
        )
    advertiser = Advertiser.objects.filter(name=ADVERTISER).first() or advertiser_create(
        name=ADVERTISER
    )
    booking = Booking.objects.filter(advertiser=advertiser, date_from=DEMO_DATE).first()
    if booking is None:
        booking = booking_create(
            advertiser=advertiser,
            title="冬季家电节",
            text="鲁中家电城 冬季家电节\n12月1日至3日 全场满千减百",
            date_from=DEMO_DATE,
            page_number="A01",
            position="bottom",
            columns=6,
            height_mm=60,
            price="8000",
        )
        material_add(booking=booking, upload=_artwork("冬季家电节 全场满千减百"))
        booking_transition(booking=booking, to=BookingStatus.APPROVED)
    report = edition_ads_place(edition=edition)
    for problem in report.problems:
        stdout.write(f"ads: {problem}")
    for placement in edition.pages.all():
        for ad in placement.ad_placements.all():
            stdout.write(f"ad on {placement.number}: {ad}")


def _artwork(words: str) -> ContentFile:
    """A six-column, 60 mm ad at 300 dpi (269 × 60 mm on the A3 grid: 3178 × 709 px), drawn
    here so the demo needs no files."""
    image = Image.new("RGB", (3178, 709), "#b3121f")
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype(CJK_FONT, 220)
        draw.text((1589, 354), words, fill="white", font=font, anchor="mm")
    except OSError:
        draw.rectangle((60, 60, 3118, 649), outline="white", width=20)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="demo-ad.png")
