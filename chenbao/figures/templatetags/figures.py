from django import template

from chenbao.figures.selectors import story_figures_public

register = template.Library()


@register.inclusion_tag("figures/_story_figures.html")
def story_figures(story):
    """此数据历次报道: the story's figures that belong to an indicator, linked to it."""
    return {"figures": story_figures_public(story)}
