"""The reviewer's aids in the story editor: warnings other desks raise about a draft.

A desk registers a ``chenbao_review_aids`` hook: ``fn(draft, user)`` returns a list of
:class:`ReviewAid` for the draft being edited (the figures desk warns of figures that
contradict what the paper printed before). The editor shows them above the headline, so
the 初审/复审 editor sees them beside the text under review, not on another page.
"""

from dataclasses import dataclass

from wagtail import hooks
from wagtail.admin.panels import Panel

HOOK = "chenbao_review_aids"


@dataclass(frozen=True)
class ReviewAid:
    quote: str  # the words of the draft the aid is about, as written
    warning: str  # what is wrong with them, in plain words
    link: str = ""  # where the desk's full check is
    link_text: str = ""


def review_aids(draft, user) -> list[ReviewAid]:
    """Every registered desk's aids for a saved draft (none for a story not yet saved)."""
    if draft is None or not draft.pk:
        return []
    return [aid for fn in hooks.get_hooks(HOOK) for aid in fn(draft, user)]


class ReviewAidsPanel(Panel):
    """Shown only when some desk has something to say about the draft."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/panels/review_aids.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.aids = review_aids(self.instance, getattr(self.request, "user", None))

        def is_shown(self):
            return bool(self.aids) and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["aids"] = self.aids
            return context
