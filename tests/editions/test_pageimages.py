"""The page image in the sizes readers' screens ask for, WebP and JPEG (pageimages.py)."""

import io

from PIL import Image

from chenbao.editions.pageimages import (
    THUMB_WIDTH,
    WIDTHS,
    Variant,
    page_images,
    page_images_many,
    widths_for,
)


def png(width: int, height: int, colour: str = "white") -> bytes:
    buf = io.BytesIO()
    im = Image.new("RGBA", (width, height), colour)
    im.putpixel((1, 1), (0, 0, 0, 255))
    im.save(buf, format="PNG")
    return buf.getvalue()


def test_the_widths_are_those_below_the_render_and_the_render_itself():
    assert WIDTHS == (600, 900, 1300)
    assert widths_for(1754) == [600, 900, 1300, 1754]
    assert widths_for(1000) == [600, 900, 1000]
    assert widths_for(900) == [600, 900]
    assert widths_for(400) == [400]


def test_a_variant_is_named_by_its_stem_width_and_format():
    assert Variant(600, 849, "webp", b"").name("A02") == "A02-600.webp"
    assert Variant(600, 849, "jpeg", b"").name("A02-thumb") == "A02-thumb-600.jpg"


def test_each_width_is_written_as_webp_and_jpeg_keeping_the_pages_proportions():
    images = page_images(png(1000, 1414))
    assert [(v.width, v.format) for v in images.sizes] == [
        (600, "webp"),
        (600, "jpeg"),
        (900, "webp"),
        (900, "jpeg"),
        (1000, "webp"),
        (1000, "jpeg"),
    ]
    for v in images.sizes:
        assert v.height == round(1414 * v.width / 1000)
        with Image.open(io.BytesIO(v.data)) as im:
            assert im.size == (v.width, v.height)
            assert im.format == v.format.upper()
            assert im.mode == "RGB"
    assert [(v.width, v.format) for v in images.thumbs] == [
        (THUMB_WIDTH, "webp"),
        (THUMB_WIDTH, "jpeg"),
    ]
    assert images.thumbs[0].height == round(1414 * THUMB_WIDTH / 1000)


def test_a_sharper_zoom_render_is_added_as_webp_only_when_it_is_wider():
    images = page_images(png(700, 990), zoom_png=png(1400, 1980))
    assert [(v.width, v.format) for v in images.sizes][-3:] == [
        (700, "webp"),
        (700, "jpeg"),
        (1400, "webp"),
    ]
    assert images.sizes[-1].height == 1980
    narrower = page_images(png(700, 990), zoom_png=png(500, 700))
    assert max(v.width for v in narrower.sizes) == 700


def test_many_pages_come_back_in_order_on_threads_as_one_by_one():
    renders = [(png(650, 900, "white"), b""), (png(620, 880, "yellow"), b""), (png(610, 860), b"")]
    threaded = page_images_many(renders, workers=3)
    assert [i.sizes[-1].width for i in threaded] == [650, 620, 610]
    assert threaded == page_images_many(renders, workers=1)
