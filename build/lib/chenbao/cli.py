"""`chenbao`: the newsroom's command line.

`chenbao import-page FILE`, `chenbao weather …`, `chenbao render …`, `chenbao demo` and
every Django management command (`chenbao migrate`, `chenbao createsuperuser`). Commands
are written with hyphens on the command line and map to management commands with
underscores.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a chenbao or Django management command."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chenbao.settings.dev")
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)
