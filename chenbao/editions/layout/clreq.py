"""Chinese line-breaking rules (W3C CLREQ, GB/T 15834) checked on set lines of text.

Typst applies these rules when it sets a page; this module checks the result, line by
line, so a proof (and the tests) can count the faults on a rendered page.
"""

from __future__ import annotations

from dataclasses import dataclass

# Marks that may not start a line (避头) and may not end one (避尾). The ASCII forms are
# here too: the reference page prints ASCII commas, and they obey the same rule.
NO_LINE_START = set("，。、；：？！）》」』”’…%") | set(",.;:?!)")
NO_LINE_END = set("“‘（《「『") | set("(")
# Two-em marks that must stay whole.
UNBREAKABLE_PAIRS = ("——", "……")


@dataclass(frozen=True)
class LineFault:
    line: int  # index of the offending line
    kind: str  # "start" | "end" | "split"
    text: str


def line_faults(lines: list[str]) -> list[LineFault]:
    """Return every place where `lines` (in reading order, one column) break the rules."""
    faults: list[LineFault] = []
    lines = [line.strip() for line in lines]
    for i, line in enumerate(lines):
        if not line:
            continue
        if line[0] in NO_LINE_START:
            faults.append(LineFault(i, "start", line))
        if line[-1] in NO_LINE_END:
            faults.append(LineFault(i, "end", line))
        if i + 1 < len(lines) and lines[i + 1]:
            joined = line[-1] + lines[i + 1][0]
            if joined in UNBREAKABLE_PAIRS:
                faults.append(LineFault(i, "split", line))
    return faults
