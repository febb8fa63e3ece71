"""{% related_stories story %}: 相关报道 from the archive under a story."""

from django import template

from chenbao.archive.search.services import story_related

register = template.Library()


@register.inclusion_tag("archive/_related.html", takes_context=True)
def related_stories(context, story, limit: int = 5):
    return {"related": story_related(story=story, limit=limit, request=context.get("request"))}
