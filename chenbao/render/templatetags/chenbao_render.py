"""The published page image with its clickable story areas, for the reader site."""

from django import template

from chenbao.editions.selectors import placements_shown
from chenbao.render.selectors import published_page

register = template.Library()


@register.inclusion_tag("render/_page_image.html")
def epaper_image(page):
    """Show the page's published image with an image map linking each story.

    A story withdrawn since the page was published gets no area: its page is gone.
    """
    published = published_page(date=page.edition.date, number=page.number)
    if published:
        shown = {
            f"story-{pk}" for pk in placements_shown(page=page).values_list("story_id", flat=True)
        }
        published["areas"] = [a for a in published["areas"] if a.get("story") in shown]
    return {"published": published, "page": page}


@register.inclusion_tag("render/_page_thumb.html")
def epaper_thumb(page):
    return {"published": published_page(date=page.edition.date, number=page.number), "page": page}
