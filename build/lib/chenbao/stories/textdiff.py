"""A diff that reads well in Chinese: one token per Han character, Latin words kept whole.

Wagtail's revision comparison groups every run of letters into one token, and Python counts
Han characters as letters, so changing one character of a Chinese clause marks the whole
clause as deleted and re-added. Here each Han character (and each punctuation mark) is
its own token, while Latin words and numbers stay whole. Pure: imports nothing from Django.
"""

import difflib
import unicodedata

Change = tuple[str, str]  # ("equal" | "addition" | "deletion", text)


def _is_wide(c: str) -> bool:
    return unicodedata.east_asian_width(c) in ("W", "F")


def tokenise(text: str) -> list[str]:
    tokens: list[str] = []
    word = ""
    for c in text or "":
        if c.isalnum() and not _is_wide(c):
            word += c
            continue
        if word:
            tokens.append(word)
            word = ""
        tokens.append(c)
    if word:
        tokens.append(word)
    return tokens


def diff(a: str, b: str) -> list[Change]:
    """Return the changes turning `a` into `b`, adjacent changes of one kind merged."""
    a_tok, b_tok = tokenise(a), tokenise(b)
    matcher = difflib.SequenceMatcher(None, a_tok, b_tok, autojunk=False)
    changes: list[Change] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            changes.append(("equal", "".join(a_tok[i1:i2])))
            continue
        if op in ("replace", "delete"):
            changes.append(("deletion", "".join(a_tok[i1:i2])))
        if op in ("replace", "insert"):
            changes.append(("addition", "".join(b_tok[j1:j2])))
    merged: list[Change] = []
    for kind, value in changes:
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + value)
        elif value:
            merged.append((kind, value))
    return merged
