"""The page image in the sizes a reader's screen asks for (pure: Pillow only, no Django).

The render step makes one PNG per page at the print resolution (PUBLISH_PPI). A phone must
not download that whole PNG (1.2 MB) for its first view, and a desktop zoomed in must not see
a blurred page. So each page is also written as WebP (what every browser in use shows) and
JPEG (the fallback for the rest) at a few widths; the reader page offers them in a `<picture>`
with `srcset`, and the browser picks the width its screen needs. The largest size is the PNG's
own width, and a sharper render for the zoom.

Text on a newspaper page is what must stay sharp, so the quality is set for text (WebP 72 and
JPEG 76 keep the strokes of a 9 pt body face clean; the sizes and weights are in
docs/decisions/0020-epaper-reader.md, the phone's first view is measured in tests/site/).
"""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from PIL import Image

# Widths (px) of the page image: a phone (390 CSS px x 2-3 device pixels), a desktop page
# column, and the render itself. Sizes wider than the render are left out.
WIDTHS = (600, 900, 1300)
# The zoom's own render (engine zoom_ppi): a page 930 px wide on a desk, or 358 px on a
# phone at 3 device pixels, zoomed 3x, needs ~2800-3200 px: 250 ppi on A3 is 2923 px.
# WebP only (every browser that zooms a page this way reads WebP).
ZOOM_PPI = 250
THUMB_WIDTH = 240
# WebP method 2 is 2.5x faster than the default 4 for 2-3% more bytes on a page of text.
WEBP_QUALITY = 72
WEBP_METHOD = 2
JPEG_QUALITY = 76
FORMATS = ("webp", "jpeg")
SUFFIX = {"webp": "webp", "jpeg": "jpg"}


@dataclass(frozen=True)
class Variant:
    """One encoded size of the page image."""

    width: int
    height: int
    format: str  # "webp" or "jpeg"
    data: bytes

    def name(self, stem: str) -> str:
        return f"{stem}-{self.width}.{SUFFIX[self.format]}"


@dataclass(frozen=True)
class PageImages:
    """A page's image in every size the reader uses, and its thumbnail."""

    sizes: list[Variant]
    thumbs: list[Variant]


def _encode(im: Image.Image, fmt: str) -> bytes:
    buf = io.BytesIO()
    if fmt == "webp":
        im.save(buf, format="WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
    else:
        im.save(buf, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buf.getvalue()


def widths_for(full_width: int) -> list[int]:
    """The widths to write for a render `full_width` px wide: the WIDTHS below it, and itself."""
    return [w for w in WIDTHS if w < full_width] + [full_width]


def _rgb(png: bytes) -> Image.Image:
    with Image.open(io.BytesIO(png)) as source:
        return source.convert("RGB")


def _resized(im: Image.Image, width: int) -> Image.Image:
    if width == im.width:
        return im
    return im.resize((width, round(im.height * width / im.width)), Image.Resampling.LANCZOS)


def page_images(png: bytes, zoom_png: bytes = b"") -> PageImages:
    """Return the page image `png` in every width of `widths_for`, as WebP and JPEG, the
    zoom render `zoom_png` (when given) as WebP, and the thumbnail as WebP and JPEG."""
    full = _rgb(png)
    sizes = []
    for width in widths_for(full.width):
        im = _resized(full, width)
        sizes += [Variant(width, im.height, fmt, _encode(im, fmt)) for fmt in FORMATS]
    if zoom_png:
        zoom = _rgb(zoom_png)
        if zoom.width > full.width:
            sizes.append(Variant(zoom.width, zoom.height, "webp", _encode(zoom, "webp")))
    thumb = _resized(full, THUMB_WIDTH)
    thumbs = [Variant(THUMB_WIDTH, thumb.height, fmt, _encode(thumb, fmt)) for fmt in FORMATS]
    return PageImages(sizes, thumbs)


def page_images_many(renders: list[tuple[bytes, bytes]], *, workers: int) -> list[PageImages]:
    """`page_images` of each (png, zoom_png), in order, on `workers` threads.

    Pillow resizes and encodes with the GIL released, so the threads use several cores.
    """
    if workers <= 1 or len(renders) <= 1:
        return [page_images(png, zoom) for png, zoom in renders]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="chenbao-images") as pool:
        return list(pool.map(lambda r: page_images(*r), renders))
