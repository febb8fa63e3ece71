"""The deploy/ files with this machine's values filled in (pure: no Django imports).

deploy/ holds the nginx site and the systemd units as they are read by a person, with a
`{{ NAME }}` wherever a machine's own value goes (its paths, ports, host name). `render`
fills them in and refuses a template that names a value nobody gave, so a typo in
deploy/ fails loudly instead of reaching nginx as text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

PLACEHOLDER = re.compile(r"\{\{\s*([A-Z_]+)\s*\}\}")

# Template (relative to deploy/) -> where it goes under the output directory.
FILES = {
    "nginx/chenbao.conf": "nginx/chenbao.conf",
    "systemd/chenbao-web.service": "systemd/chenbao-web.service",
    "systemd/chenbao-scheduler.service": "systemd/chenbao-scheduler.service",
    "systemd/chenbao-scheduler.timer": "systemd/chenbao-scheduler.timer",
    "systemd/chenbao-purge-tips.service": "systemd/chenbao-purge-tips.service",
    "systemd/chenbao-purge-tips.timer": "systemd/chenbao-purge-tips.timer",
}


class MissingValue(ValueError):
    """A template names a value that was not given."""


def render(text: str, values: Mapping[str, str]) -> str:
    """Return `text` with every `{{ NAME }}` replaced by `values[NAME]`."""
    missing = sorted({name for name in PLACEHOLDER.findall(text) if name not in values})
    if missing:
        raise MissingValue("no value for " + ", ".join(missing))
    for name, value in values.items():
        if "\n" in value or ";" in value or "{" in value:
            raise ValueError(f"{name}: a value may not hold a newline, ';' or '{{'")
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def render_tree(deploy_dir: Path, out_dir: Path, values: Mapping[str, str]) -> list[Path]:
    """Write every file of FILES from `deploy_dir` into `out_dir`, filled in; return them."""
    written = []
    for source, target in FILES.items():
        path = out_dir / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render((deploy_dir / source).read_text(), values))
        written.append(path)
    return written
