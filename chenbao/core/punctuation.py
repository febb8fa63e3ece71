"""Chinese punctuation at display (标点规范化): half-width marks beside Chinese text made full width.

Pure: no Django. Old e-paper dumps (and some copy typed on Western keyboards) set `, ? ( )`
where a Chinese paper prints `，？（）`. The archive keeps the text as it came (decision
0024); print and the web pages pass it through `zh_punctuation` when they show it, so the
two always agree.

A mark is changed only next to Chinese: `今年,全市` → `今年，全市`, `如何?` → `如何？`,
`(记者 张三)` → `（记者 张三）`. Numbers, Latin words and URLs keep theirs: `1.95`, `12:30`,
`1,000`, `AED`, `Hello, world`, `https://a.example/?q=1`, `2022—2024`.
"""

from __future__ import annotations

import re

FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
# Chinese text, and the marks and quotes that belong to it.
_HAN = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’《》、…—]"
)
# What is never touched: web and mail addresses.
_KEEP = re.compile(
    r"(?:https?://|www\.)[^\s\u3000-\u303f\uff00-\uffef“”《》]+|[\w.+-]+@[\w-]+\.[\w.-]+"
)
_ELLIPSIS = re.compile(r"(?<=[\u4e00-\u9fff“”])(?:\.{3,}|。{3,})")


def _is_han(char: str) -> bool:
    return bool(char) and bool(_HAN.match(char))


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest character from `i` in direction `step` that is not an ASCII space."""
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _part(text: str) -> str:
    # A run of marks (`?!`, `):`) changes one mark a pass, as each becomes Chinese context
    # for the next: run until nothing changes.
    for _ in range(len(text) + 1):
        changed = _pass(text)
        if changed == text:
            break
        text = changed
    return text


def _pass(text: str) -> str:
    text = _ELLIPSIS.sub("……", text)
    out: list[str] = []
    opened: list[bool] = []  # for each "(" still open: was it made full width?
    skip_spaces = False
    for i, char in enumerate(text):
        if char == " " and skip_spaces:
            continue
        skip_spaces = False
        if char not in FULL:
            out.append(char)
            continue
        before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if char == "(":
            full = _is_han(before) or _is_han(after)
            opened.append(full)
        elif char == ")":
            full = (opened.pop() if opened else False) or _is_han(before) or _is_han(after)
        elif char == ".":
            # A full stop only after Chinese and not inside a number or a Latin word.
            full = (_is_han(before) or before in "%℃") and (not after or not after.isascii())
        elif char == ":" and before.isdigit() and after.isdigit():
            full = False
        else:
            full = _is_han(before) or _is_han(after)
        if not full:
            out.append(char)
            continue
        while out and out[-1] == " ":  # 今年 , 全市 → 今年，全市
            out.pop()
        out.append(FULL[char])
        skip_spaces = True
    return "".join(out)


def zh_punctuation(text: str) -> str:
    """Return `text` with the half-width marks beside Chinese made full width."""
    if not text:
        return text
    pieces: list[str] = []
    last = 0
    for found in _KEEP.finditer(text):
        pieces.append(_part(text[last : found.start()]))
        pieces.append(found.group(0))
        last = found.end()
    pieces.append(_part(text[last:]))
    return "".join(pieces)
