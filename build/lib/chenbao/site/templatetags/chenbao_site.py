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
