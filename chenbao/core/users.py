"""How the newsroom names its people."""

from typing import Any


def display_name(user: Any) -> str:
    """Return the name to show and record for `user`: their full name, else their login."""
    return (user.get_full_name() or user.get_username())[:150]
