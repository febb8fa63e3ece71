import segno
from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def qr_svg(url: str, scale: int = 3) -> str:
    """Return an inline SVG QR code that scans to `url`."""
    if not url:
        return ""
    svg = segno.make(url, error="m").svg_inline(scale=scale, border=2, title=url)
    return mark_safe(svg)  # noqa: S308 - segno builds the SVG, the URL is escaped in it


@register.filter
def tel_digits(number: str) -> str:
    """The digits (and a leading +) of a printed phone number, for a tel: link."""
    number = str(number).strip()
    digits = "".join(ch for ch in number if ch.isdigit())
    return ("+" + digits) if number.startswith("+") else digits


@register.simple_tag
def area_style(coords, width: int, height: int) -> str:
    """Place a story's area over the page image: its box in percent of the image."""
    left, top, right, bottom = (float(c) for c in coords)
    return (
        f"left:{100 * left / width:.3f}%;top:{100 * top / height:.3f}%;"
        f"width:{100 * (right - left) / width:.3f}%;height:{100 * (bottom - top) / height:.3f}%"
    )


@register.simple_tag
def thumb_height(page: dict, width: int = 120) -> int:
    """The height of a page thumbnail shown `width` px wide (reserves its space while loading)."""
    return round(width * page["height_px"] / page["width_px"])
