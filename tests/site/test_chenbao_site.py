"""The reader site's template tags: QR codes, tel: links, story areas over a page image."""

import re

import pytest

from chenbao.site.templatetags.chenbao_site import area_style, qr_svg, tel_digits, thumb_height


def test_a_qr_code_is_an_inline_svg_titled_with_its_url():
    svg = qr_svg("https://paper.example/epaper/2022-12-02/?a=1&b=2")
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "<title>https://paper.example/epaper/2022-12-02/?a=1&amp;b=2</title>" in svg
    assert "&b=2" not in svg


def test_a_larger_scale_draws_a_larger_code_and_no_url_draws_nothing():
    def width(svg):
        return int(re.search(r'width="(\d+)"', svg).group(1))

    assert width(qr_svg("https://paper.example/", scale=6)) == 2 * width(
        qr_svg("https://paper.example/", scale=3)
    )
    assert qr_svg("") == ""


@pytest.mark.parametrize(
    ("printed", "digits"),
    [
        ("0533-2270000", "05332270000"),
        (" (0533) 227 0000 ", "05332270000"),
        ("+86 533 2270000", "+865332270000"),
        ("139 0533 1234", "13905331234"),
        (12345, "12345"),
    ],
)
def test_a_printed_phone_number_becomes_its_digits_keeping_a_leading_plus(printed, digits):
    assert tel_digits(printed) == digits


def test_a_story_area_is_placed_in_percent_of_the_page_image():
    assert area_style(["100", "200", "600", "700"], 1000, 2000) == (
        "left:10.000%;top:10.000%;width:50.000%;height:25.000%"
    )
    assert area_style((0, 0, 1, 3), 3, 3).startswith("left:0.000%;top:0.000%;width:33.333%;")


def test_a_thumbnail_keeps_the_pages_proportions():
    page = {"width_px": 2480, "height_px": 3508}
    assert thumb_height(page) == 170
    assert thumb_height(page, width=240) == 339
