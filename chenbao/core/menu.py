"""Admin menu items shown only to the users who may use what they open."""

from wagtail.admin.menu import MenuItem

from chenbao.core.access import Action, may_any


class ActionMenuItem(MenuItem):
    """A menu item shown to users allowed at least one of `actions` (core/access.py)."""

    def __init__(self, *args, actions: tuple[Action, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.actions = actions

    def is_shown(self, request):
        return may_any(request.user, *self.actions)
