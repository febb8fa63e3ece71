"""Ads as printed: lines, the public-service label, the booked slogan (blocks/ad.py)."""

import datetime as dt
from types import SimpleNamespace

import pytest

from chenbao.ads.models import AdKind, AdPlacement
from chenbao.editions.blocks.ad import PUBLIC_SERVICE_LABEL, ad_content, page_ads, slot, web
from chenbao.editions.blocks.base import PageContext
from chenbao.editions.images import ImageCopier
from chenbao.editions.layout.model import AdContent, Grid
from chenbao.editions.services.pages import edition_page_ensure


def content(ad, tmp_path, slot_key="ad-1"):
    return ad_content(ad, images=ImageCopier(tmp_path), page="A02", slot=slot_key)


def test_a_commercial_ad_prints_its_lines_and_its_booked_slogan(tmp_path):
    ad = AdPlacement(
        kind=AdKind.COMMERCIAL, text="鲁中家电城\n\n冬季大促 全场五折\n电话 3585000", slogan_line=2
    )
    printed = content(ad, tmp_path)
    assert printed == AdContent(
        key="ad-1",
        lines=("鲁中家电城", "冬季大促 全场五折", "电话 3585000"),
        label="",
        public_service=False,
        image="",
        slogan=1,
    )


def test_no_slogan_or_one_past_the_lines_means_the_shortest_line(tmp_path):
    assert content(AdPlacement(text="甲\n乙", slogan_line=0), tmp_path).slogan == -1
    assert content(AdPlacement(text="甲\n乙", slogan_line=3), tmp_path).slogan == -1


def test_a_public_service_ad_is_labelled_and_its_printed_label_goes_to_the_corner(tmp_path):
    plain = content(AdPlacement(kind=AdKind.PUBLIC_SERVICE, text="一盔一带 安全常在"), tmp_path)
    assert (plain.label, plain.public_service) == (PUBLIC_SERVICE_LABEL, True)
    labelled = content(
        AdPlacement(
            kind=AdKind.PUBLIC_SERVICE,
            text="一盔一带 安全常在\n淄博市公安局交警支队 公益广告",
            slogan_line=2,
        ),
        tmp_path,
    )
    assert labelled.lines == ("一盔一带 安全常在",)
    assert labelled.label == "淄博市公安局交警支队 公益广告"
    assert labelled.slogan == -1  # the booked line was the label


@pytest.mark.django_db
def test_the_pages_ads_are_read_in_order_with_their_size_and_placed_by_their_row(tmp_path):
    page = edition_page_ensure(date=dt.date(2022, 12, 2), number="A02")
    first = AdPlacement.objects.create(
        page=page, text="第一则", columns=4, height_mm=60, sort_order=1
    )
    second = AdPlacement.objects.create(
        page=page, text="第二则", columns=2, height_mm=40, sort_order=2
    )
    ctx = PageContext(printed=page, base_url="", images=ImageCopier(tmp_path), grid=Grid())
    ads = page_ads(ctx)
    assert list(ads) == [first.pk, second.pk]
    assert ads[second.pk][0].key == "ad-2" and ads[second.pk][1:] == (2, 40)
    ctx.ads = ads
    base = {"key": "底栏", "kind": "ad", "col": 0, "span": 4, "height": 60.0}
    made = slot(SimpleNamespace(ad_id=first.pk), base, ctx, 3)
    assert made.ad.lines == ("第一则",) and made.key == "底栏"
    assert slot(SimpleNamespace(ad_id=999_999), base, ctx, 3) is None
    assert slot(SimpleNamespace(ad_id=None), base, ctx, 3) is None
    assert web(made) == {"lines": ["第一则"], "label": "", "public_service": False, "slogan": -1}
