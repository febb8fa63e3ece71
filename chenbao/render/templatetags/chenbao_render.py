"""The published page image with its clickable story areas, for the reader site."""

from django import template

from chenbao.render.selectors import published_page

register = template.Library()


@register.inclusion_tag("render/_page_image.html")
def epaper_image(page):
    """Show the page's published image with an image map linking each story."""
    return {"published": published_page(date=page.edition.date, number=page.number), "page": page}


@register.inclusion_tag("render/_page_thumb.html")
def epaper_thumb(page):
    return {"published": published_page(date=page.edition.date, number=page.number), "page": page}
