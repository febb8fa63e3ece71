"""Read typed settings from the environment (no Django imports: used by settings)."""

import os


def env_str(name: str, default: str) -> str:
    """Return the variable's value, or `default` when it is unset or empty."""
    return os.environ.get(name) or default


def env_bool(name: str, default: bool) -> bool:
    """Return True for 1/true/yes/on, False for 0/false/no/off, else `default`."""
    value = os.environ.get(name, "").strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    return default


def env_list(name: str, default: list[str]) -> list[str]:
    """Return a comma-separated list, or `default` when unset."""
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default
