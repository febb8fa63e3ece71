"""Template filters for newsroom text shown to readers: {% load chenbao_text %}."""

from django import template

from chenbao.core.punctuation import zh_punctuation

register = template.Library()


@register.filter
def zh_punct(value) -> str:
    """The text with half-width marks beside Chinese made full width, as print sets it."""
    return zh_punctuation(str(value)) if value else ""


@register.filter
def person(user) -> str:
    """A newsroom user as people call them: their full name, else their login; — for none."""
    from chenbao.core.users import display_name

    return display_name(user) if user else "—"
