"""Legacy e-paper page dumps (plain text) -> page model.

Pure module: standard library only, no Django.

A dump is one page of a paper: the tip-line banner, a ``天气预报`` line, stories (``#`` or
``##`` title lines, ``###`` subheads), and ad blocks, one printed line per text line, usually
with blank lines between. Text is kept exactly as printed (ASCII and full-width punctuation
are not normalised). Anything that cannot be placed goes to ``unplaced``; nothing is dropped
except blank lines and the ``公益广告`` / ``广告`` marker word (recorded as the ad's kind).

Decisions (see also the docs):

* Title parts are split on runs of whitespace (U+3000 included): 3 parts are kicker /
  headline / subtitle, 2 are headline / subtitle, 1 is the headline; with more than 3, the
  extras are joined onto the subtitle with a single space. ``#`` and ``##`` are not kept.
* Column breaks: a line is joined to the previous one, with nothing between them, unless the
  previous one ends a sentence (。！？!?… optionally followed by closing quotes or brackets),
  or it ends with ：；:; and the next line starts a list item (一是, （一）, 1. …).
  ASCII ``.`` never ends a sentence (``11.`` / ``06亿元`` is a column break). Subheads,
  titles, captions, bylines and the weather line are never joined.
* Datelines (``淄博12月1日讯``, ``本报3月14日讯``, ``新华社东岭12月7日电``, ``本报讯``) are taken
  from the start of the story's first paragraph only when followed by whitespace or by a
  bracketed byline; the paragraph then starts after them. A bracketed byline (ASCII or
  full-width brackets) right after the dateline, or opening the first paragraph, is taken
  too when its whole content reads as a byline; otherwise the bracket stays in the text. A
  name the closing byline line prints again is kept once, in the bracket's order (the
  closing line's entry, which may carry the organisation).
* Bylines: one per person, the role carried forward to the following names; the text
  before a role word is the organisation, kept on the following names until another
  organisation is printed (at most 24 characters). ``本报`` ("this paper") is no
  organisation: ``本报记者`` is role
  记者 with org null. A leading ``□``/``■`` or ``文/`` is dropped. A line that looks like a
  byline is read as one unless it would continue an unfinished sentence (the last line of a
  story is always allowed to be a byline). Once a story has had bylines after its body,
  further text lines of that story go to ``unplaced`` (captions are still accepted).
* Page credits (``责任编辑``, ``美编``, ``校对`` …) are not bylines: they go to ``unplaced``.
* Captions: a line ending ``摄`` (optionally bracketed) whose credit has a role word
  (``本报记者 孙若楠 摄``), or a bare name after a sentence end. Credit role is always
  ``摄影``; several names are joined with ``、``.
* Ads: a line whose last (or first) word is ``公益广告`` or ``广告``, or that ends in
  ``公益广告`` when it is the last line of its story, marks an ad; the block runs back over the
  preceding lines that are not sentences, bylines, captions or subheads (lines ending ！
  count as ad text), and, when the marker starts its line, forward likewise. The marker word
  is removed from its line (a line that was only the marker is not kept). Lines after an ad
  block, up to the next title, go to ``unplaced``.
* Banner: before the first title, lines with 爆料 / 热线 / 奖金 / 奖励 / 二维码 / 扫一扫 /
  扫码 are the banner; other lines there (except the weather) go to ``unplaced``.
* Weather: any line starting ``天气预报``; a day that cannot be read goes to ``unplaced``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from chenbao.weather.wording import (
    ForecastDay,
    WordingError,
    day_to_dict,
    parse_day,
    split_forecast_line,
)


class PageTextError(ValueError):
    """A file that is not a readable page dump; the message is one plain line."""


@dataclass
class Banner:
    hotline: str | None
    reward_min: int | None
    reward_max: int | None
    lines: list[str]
    qr_caption: str | None


@dataclass
class Byline:
    role: str
    name: str
    org: str | None


@dataclass
class BodyBlock:
    type: Literal["paragraph", "subhead"]
    text: str


@dataclass
class Credit:
    role: str
    name: str


@dataclass
class Caption:
    text: str
    credit: Credit | None


@dataclass
class Story:
    kicker: str | None
    headline: str
    subtitle: str | None
    dateline: str | None
    bylines: list[Byline] = field(default_factory=list)
    body: list[BodyBlock] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)


@dataclass
class Ad:
    kind: Literal["public_service", "commercial"]
    lines: list[str]


@dataclass
class PageModel:
    banner: Banner | None = None
    weather: list[ForecastDay] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    ads: list[Ad] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- patterns

ROLES = (
    "特约记者", "见习记者", "实习记者", "首席记者", "摄影记者", "融媒记者", "记者",
    "特约通讯员", "通讯员", "实习生", "摄影", "编辑", "报道员",
)  # fmt: skip
_ROLE_ALT = "|".join(sorted(ROLES, key=len, reverse=True))
_NAME = r"(?:[\u4e00-\u9fff]{2,6}|[\u4e00-\u9fff]{1,6}(?:[·•][\u4e00-\u9fff]{1,6})+)"
_ROLE_ONLY = re.compile(rf"(\w{{0,24}}?)({_ROLE_ALT})")
_ROLE_NAME = re.compile(rf"(\w{{0,24}}?)({_ROLE_ALT})({_NAME})")
_NAME_ONLY = re.compile(_NAME)
_BYLINE_SPLIT = re.compile(r"[\s、，,]+")
_BYLINE_LEAD = re.compile(r"^(?:[□■◆◇●]\s*|(?:文/图|文|图)[/／]\s*)+")
# what a byline may end with after the names: 记者 张三 报道, 本报记者 李四 采写
_BYLINE_TAIL = re.compile(r"\s*(?:摄影报道|报道|报导|采写|撰文|整理)$")
_WHOLLY_BRACKETED = re.compile(r"[(（](?P<inner>[^()（）]+)[)）]")
# a jump line (转版): (上接A01版), （下转第6版）, (紧接A02)
_JUMP = re.compile(
    r"[(（]\s*(?:上接|紧接|接|下转|转|续)\s*(?:第\s*)?[A-Za-z]?\s*[0-9０-９]{1,2}\s*[版页]?\s*[)）]"
)

_TITLE = re.compile(r"#{1,2}(?!#)\s*(.*)")
_SUBHEAD = re.compile(r"#{3,}\s*(.*)")
# a sentence's end, also before a bracket closing a brief: …5000余人次。（记者 王磊）
_BRACKET_CLOSE = r"(?:\s*[(（][^()（）]{1,40}[)）])?$"
_SENTENCE_END = re.compile(r"[。！？!?…][”’\"'」』》）)】\]]*" + _BRACKET_CLOSE)
_SOFT_END = re.compile(r"[：；:;]$")
_LIST_START = re.compile(
    r"(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、"
    r"|\d+[.、．]|[①-⑳])"
)
_AD_TEXT_STOP = re.compile(r"[。？?…][”’\"'」』》）)】\]]*" + _BRACKET_CLOSE)
# an editor's note before the byline (编者按：…): the byline after it still leads the story
_NOTE = re.compile(r"(?:编者按|编者的话|编前话|编前|导语|提要|核心提示)\s*[:：]")
# the title of a box inside a story, alone on its line
_BOX_TITLE = re.compile(
    r"(?:相关链接|新闻链接|背景链接|链接|延伸阅读|相关阅读|小贴士|温馨提示)[:：]?"
)
# a line that starts an item of its own: a brief (■ 标题 …), a 导读 line (A03 标题)
_ITEM_START = re.compile(r"[■●◆▲★▶►]|(?:[A-Z]{1,2}[0-9]{1,3}|第[0-9]{1,3}版)\s*[版▶►>:：]?\s+\S")
_PAGE_CREDIT = re.compile(r"(?:责任编辑|责编|本版编辑|美编|校对|版式|组版|排版)[\s:：]")

_CAPTION_END = re.compile(r"\s*摄\s*[)）]?$")
_CREDIT_ROLE = re.compile(
    rf"(?P<org>[^\s。！？!?，,；;：:（()）]{{0,24}}?)(?P<role>{_ROLE_ALT})\s*"
    rf"(?P<names>{_NAME}(?:[\s、]+{_NAME})*)\s*$"
)
_CREDIT_BARE = re.compile(rf"(?:^|(?<=[。！？!?…”」）)]))\s*(?P<names>{_NAME})\s*$")

# 【本报讯】 in brackets (both of them) or bare (then a space or the reporter's bracket follows)
_DATELINE = re.compile(
    r"(?P<open>[【\[])?(?P<dl>[\u4e00-\u9fff]{0,12}?(?:[0-9０-９]{4}年)?[0-9０-９]{1,2}月[0-9０-９]{1,2}日[讯电]"
    r"|本报讯|[\u4e00-\u9fff]{2,6}[报社台网]讯)(?(open)[】\]]\s*|(?:\s+|(?=[(（])))"
)
_BRACKET = re.compile(r"[(（](?P<inner>[^()（）]+)[)）]\s*")

_BANNER_WORDS = re.compile(r"爆料|热线|奖金|奖励|二维码|扫一扫|扫码")
_HOTLINE = re.compile(
    r"(?:新闻热线|热线电话|爆料热线|热线|电话)[\s:：]*(?P<num>[(（]?[0-9][0-9\-－–—()（）]*[0-9])"
)
_AMT = r"(?:[0-9]+[十百千万]?|[一二两三四五六七八九]?[十百千万])"
_REWARD_RANGE = re.compile(rf"({_AMT})元?\s*(?:至|到|—+|－|-|–|~|～)\s*({_AMT})元")
_REWARD_MIN = re.compile(rf"(?:最低|最少)({_AMT})元")
_REWARD_MAX = re.compile(rf"(?:最高|最多)({_AMT})元")
_CN_DIGITS = dict(zip("一二两三四五六七八九", (1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}

_AD_MARKERS = ("公益广告", "广告")
_TEXTLIKE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u2027\x20-\x7e\s]")
_WEATHER_PREFIX = "天气预报"


# ---------------------------------------------------------------- reading files


def read_page_file(path: str | Path) -> str:
    """Read a page dump as text: UTF-8, with or without BOM.

    Raises PageTextError (one line) for a file that cannot be read, is empty or only
    whitespace, is binary, or is not UTF-8 (GBK/GB18030 and UTF-16 are named).
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PageTextError(f"cannot read the file ({exc.strerror or exc})") from None
    return page_text(data)


def page_text(data: bytes) -> str:
    """Decode a page dump's bytes as `read_page_file` does (PageTextError if it is none)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PageTextError("encoded as UTF-16; page dumps must be UTF-8")
    if b"\x00" in data:
        raise PageTextError("binary file (contains NUL bytes), not a page dump")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PageTextError(_not_utf8_message(data)) from None
    if not text.strip():
        raise PageTextError("empty file (nothing but whitespace), not a page dump")
    if _mostly_control(text):
        raise PageTextError("binary file (mostly control characters), not a page dump")
    return text


def _not_utf8_message(data: bytes) -> str:
    try:
        guess = data.decode("gb18030")
    except UnicodeDecodeError:
        guess = ""
    if guess and _mostly_chinese_text(guess):
        return "not UTF-8 (looks like GBK/GB18030); convert it: iconv -f GB18030 -t UTF-8"
    return "binary file (mostly undecodable bytes), not a page dump"


def _mostly_chinese_text(text: str) -> bool:
    sample = text[:4096]
    good = len(_TEXTLIKE.findall(sample))
    return good * 10 >= len(sample) * 9


def _mostly_control(text: str) -> bool:
    sample = text[:4096]
    bad = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v")
    return bad * 10 > len(sample)


# ---------------------------------------------------------------- bylines and captions


def _org(prefix: str) -> str | None:
    prefix = _BYLINE_LEAD.sub("", prefix)
    return None if prefix in ("", "本报") else prefix


class _BylineReader:
    """Reads byline tokens one by one, carrying the role and organisation forward."""

    def __init__(self) -> None:
        self.role: str | None = None
        self.org: str | None = None
        self.named = True
        self.bylines: list[Byline] = []

    def take(self, token: str) -> bool:
        m = _ROLE_ONLY.fullmatch(token) or _ROLE_NAME.fullmatch(token)
        if m is None:
            return self._name(token)
        if not self._role_prefix(m[1]):
            return False
        self.role, self.named = m[2], False
        return m.lastindex != 3 or self._name(m[3])

    def _role_prefix(self, prefix: str) -> bool:
        if not self.named:
            return self._name(prefix)  # a name glued to the next role word by a column break
        if prefix or self.role is None:
            self.org = _org(prefix)
        return True

    def _name(self, token: str) -> bool:
        if self.role is None or not _NAME_ONLY.fullmatch(token):
            return False
        self.bylines.append(Byline(self.role, token, self.org))
        self.named = True
        return True


def parse_byline_line(line: str) -> list[Byline] | None:
    """Read a line such as ``大众日报淄博融媒体中心记者 任灵芝 特约记者 姜东林 梁昊``.

    Returns one Byline per person, or None when the line is not wholly a byline.
    """
    line = line.strip()
    if m := _WHOLLY_BRACKETED.fullmatch(line):  # （新华社记者 高敬） closing a story
        line = m["inner"].strip()
    line = _BYLINE_TAIL.sub("", _BYLINE_LEAD.sub("", line))
    reader = _BylineReader()
    tokens = _BYLINE_SPLIT.split(line)
    if all(reader.take(token) for token in tokens if token) and reader.named and reader.bylines:
        return reader.bylines
    return None


def parse_caption(line: str) -> Caption | None:
    """Read a photo caption ending with its credit (``… 本报记者 孙若楠 摄``), or None."""
    end = _CAPTION_END.search(line)
    if not end:
        return None
    head = line[: end.start()]
    spaced = end.start() < len(line) and line[end.start()].isspace()
    credit = _CREDIT_ROLE.search(head) or (_CREDIT_BARE.search(head) if spaced else None)
    if not credit:
        return None
    names = "、".join(n for n in re.split(r"[\s、]+", credit["names"]) if n)
    text = head[: credit.start()].rstrip().rstrip("(（").rstrip()
    return Caption(text, Credit("摄影", names))


# ---------------------------------------------------------------- banner and weather


def _amount(token: str) -> int:
    unit = _UNITS.get(token[-1])
    head = token[:-1] if unit else token
    number = 1 if not head else int(head) if head.isdigit() else _CN_DIGITS[head]
    return number * (unit or 1)


def _reward(lines: list[str]) -> tuple[int | None, int | None]:
    for line in lines:
        if "元" not in line:
            continue
        if m := _REWARD_RANGE.search(line):
            return _amount(m[1]), _amount(m[2])
        low, high = _REWARD_MIN.search(line), _REWARD_MAX.search(line)
        if low or high:
            return (_amount(low[1]) if low else None), (_amount(high[1]) if high else None)
    return None, None


def _banner(lines: list[str]) -> Banner | None:
    if not lines:
        return None
    hotline = next((m["num"] for line in lines if (m := _HOTLINE.search(line))), None)
    qr_caption = next((line for line in lines if "二维码" in line), None)
    low, high = _reward(lines)
    return Banner(hotline, low, high, list(lines), qr_caption)


def _add_weather(line: str, page: PageModel) -> None:
    for part in split_forecast_line(line):
        try:
            page.weather.append(parse_day(part))
        except WordingError:
            page.unplaced.append(part)


# ---------------------------------------------------------------- ads


def _ad_marker(line: str, followed: bool, is_last: bool) -> tuple[str, bool] | None:
    """(marker word, marker heads the block) or None.

    A line that is only the marker heads the block when ad text follows it, else ends it.
    """
    words = line.split()
    if len(words) == 1 and words[0] in _AD_MARKERS:
        return words[0], followed
    if words[-1] in _AD_MARKERS:
        return words[-1], False
    if words[0] in _AD_MARKERS:
        return words[0], True
    if is_last and line.endswith("公益广告"):
        return "公益广告", False
    return None


def _ad_like(line: str) -> bool:
    words = line.split()
    return not (
        line.startswith("#")
        or words[0] in _AD_MARKERS
        or words[-1] in _AD_MARKERS
        or _AD_TEXT_STOP.search(line)
        or parse_byline_line(line) is not None
        or _CAPTION_END.search(line)
        or _PAGE_CREDIT.match(line)
        or line.startswith(_WEATHER_PREFIX)
    )


def _strip_marker(line: str, marker: str, at_start: bool) -> str:
    return line[len(marker) :].lstrip() if at_start else line[: -len(marker)].rstrip()


def _carve_ads(lines: list[str], page: PageModel) -> tuple[list[str], list[str]]:
    """Take ad blocks out of a story's lines: (story lines, lines after the last ad)."""
    limit = len(lines)
    tail: list[str] = []
    ads: list[Ad] = []
    for index in range(len(lines) - 1, -1, -1):
        if index >= limit:
            continue
        followed = index + 1 < limit and _ad_like(lines[index + 1])
        found = _ad_marker(lines[index], followed, index == len(lines) - 1)
        if not found:
            continue
        marker, at_start = found
        start, end = index, index
        while start > 0 and _ad_like(lines[start - 1]):
            start -= 1
        while at_start and end + 1 < limit and _ad_like(lines[end + 1]):
            end += 1
        block = lines[start : end + 1]
        block[index - start] = _strip_marker(lines[index], marker, at_start)
        kind: Literal["public_service", "commercial"] = (
            "public_service" if marker == "公益广告" else "commercial"
        )
        ads.insert(0, Ad(kind, [line for line in block if line]))
        tail = lines[end + 1 : limit] + tail
        limit = start
    page.ads.extend(ads)
    return lines[:limit], tail


# ---------------------------------------------------------------- stories


def _jumps_out(line: str, page: PageModel) -> str:
    """The line without its jump marks ((上接A01版), (下转A06版)): page furniture, not the
    story's words; they are kept with the page's unplaced text."""
    page.unplaced.extend(m.group() for m in _JUMP.finditer(line))
    return _JUMP.sub(" ", line).strip()


def _story_from_title(title: str, page: PageModel) -> Story:
    title = _jumps_out(title, page) or title
    parts = title.split()
    if len(parts) == 1:
        return Story(None, parts[0], None, None)
    if len(parts) == 2:
        return Story(None, parts[0], parts[1], None)
    return Story(parts[0], parts[1], " ".join(parts[2:]), None)


def _story_from_titles(titles: _Titles, page: PageModel) -> Story:
    """A story's title given on several lines: the line with the fewest # is the headline
    (引题 above it, 副题 below); all with as many: 主题 / 副题, or 引题 / 主题 / 副题."""
    if len(titles) == 1:
        return _story_from_title(titles[0][1], page)
    texts = [_jumps_out(text, page) or text for _, text in titles]
    levels = [level for level, _ in titles]
    same = len(set(levels)) == 1
    main = (0 if len(titles) == 2 else 1) if same else levels.index(min(levels))
    return Story(
        " ".join(texts[:main]) or None,
        texts[main],
        " ".join(texts[main + 1 :]) or None,
        None,
    )


def _paragraph_ends(previous: str, following: str) -> bool:
    if _SENTENCE_END.search(previous) or _ITEM_START.match(following):
        return True
    return bool(_SOFT_END.search(previous) and _LIST_START.match(following))


class _StoryReader:
    """Reads the lines of one story (title excluded) into a Story."""

    def __init__(self, story: Story, page: PageModel) -> None:
        self.story = story
        self.page = page
        self.pending = ""
        self.closed = False
        self.leading_bylines = 0

    def read(self, lines: list[str]) -> None:
        last = len(lines) - 1
        for index, line in enumerate(lines):
            self._line(line, index == last)
        self._flush()
        self._take_dateline()

    def _flush(self) -> None:
        if self.pending:
            self.story.body.append(BodyBlock("paragraph", self.pending))
            self.pending = ""

    def _line(self, line: str, is_last: bool) -> None:
        if line.startswith(_WEATHER_PREFIX):
            _add_weather(line, self.page)
        elif m := _SUBHEAD.match(line):
            self._flush()
            self._place(line, BodyBlock("subhead", m[1].strip()) if m[1].strip() else None)
        elif line.startswith("#") or _PAGE_CREDIT.match(line):
            self.page.unplaced.append(line)
        elif caption := parse_caption(line):
            self.story.captions.append(caption)
        else:
            self._text(line, is_last)

    def _place(self, line: str, block: BodyBlock | None) -> None:
        if self.closed or block is None:
            self.page.unplaced.append(line)
        else:
            self.story.body.append(block)

    def _text(self, line: str, is_last: bool) -> None:
        line = _jumps_out(line, self.page)
        if not line:
            return
        if _BOX_TITLE.fullmatch(line) and not self.closed:  # 相关链接: a box inside the story
            self._flush()
            self.story.body.append(BodyBlock("subhead", line.rstrip(":：")))
            return
        joins = bool(self.pending) and not _paragraph_ends(self.pending, line)
        bylines = parse_byline_line(line) if (is_last or not joins) else None
        if bylines is not None:
            self._flush()
            self.story.bylines.extend(bylines)
            if self._closes(line):
                self.closed = True
            else:
                self.leading_bylines = len(self.story.bylines)
        elif self.closed:
            self.page.unplaced.append(line)
        elif joins:
            self.pending += line
        else:
            self._flush()
            self.pending = line

    def _closes(self, byline_line: str) -> bool:
        """Whether a byline line ends the story: it does after the story's text, not when it
        is marked as a leading one (□本报记者 刘洋) or follows only an editor's note."""
        if _BYLINE_LEAD.match(byline_line.strip()):
            return False
        return any(not _NOTE.match(block.text) for block in self.story.body)

    def _take_dateline(self) -> None:
        body = self.story.body
        index = next((i for i, b in enumerate(body) if b.type == "paragraph"), None)
        if index is None:
            return
        text = body[index].text
        if m := _DATELINE.match(text):
            self.story.dateline = m["dl"]
            text = text[m.end() :]
        if (m := _BRACKET.match(text)) and (found := parse_byline_line(m["inner"])):
            # A reporter named in the dateline's brackets and again on the closing byline
            # line (本报3月14日讯(记者 X) … 本报记者 X 实习生 Y) is one byline, not two.
            # The bracket's order is kept; the closing line's entry, which may name the
            # organisation, stands in for it.
            at = self.leading_bylines
            closing = {b.name: b for b in self.story.bylines[at:]}
            merged = [closing.get(b.name) or b for b in found]
            rest = [b for b in self.story.bylines[at:] if b.name not in {m.name for m in merged}]
            self.story.bylines[at:] = merged + rest
            text = text[m.end() :]
        if text:
            body[index] = BodyBlock("paragraph", text)
        else:
            del body[index]


# ---------------------------------------------------------------- the page


def _lines(text: str) -> list[str]:
    stripped = (line.strip() for line in text.lstrip("\ufeff").splitlines())
    return [line for line in stripped if line]


_Titles = list[tuple[int, str]]  # (number of #, text) of a story's title lines


def _sections(lines: list[str]) -> tuple[list[str], list[tuple[_Titles, list[str]]]]:
    """Split into the lines before the first title and (title lines, lines) per story.
    Title lines with nothing between them are one story's (## 引题 / # 主题 / ## 副题)."""
    preamble: list[str] = []
    sections: list[tuple[_Titles, list[str]]] = []
    for line in lines:
        m = _TITLE.match(line)
        if m and m[1].strip():
            title = (len(line) - len(line.lstrip("#")), m[1].strip())
            if sections and not sections[-1][1]:
                sections[-1][0].append(title)
            else:
                sections.append(([title], []))
        elif sections:
            sections[-1][1].append(line)
        else:
            preamble.append(line)
    return preamble, sections


def _read_preamble(lines: list[str], page: PageModel) -> None:
    banner_lines: list[str] = []
    for line in lines:
        if line.startswith(_WEATHER_PREFIX):
            _add_weather(line, page)
        elif _BANNER_WORDS.search(line):
            banner_lines.append(line)
        else:
            page.unplaced.append(line)
    page.banner = _banner(banner_lines)


def parse_page(text: str) -> PageModel:
    """Turn the text of a page dump into a PageModel (never raises on odd text)."""
    page = PageModel()
    preamble, sections = _sections(_lines(text))
    _read_preamble(preamble, page)
    for titles, lines in sections:
        story = _story_from_titles(titles, page)
        content, tail = _carve_ads(lines, page)
        _StoryReader(story, page).read(content)
        page.unplaced.extend(tail)
        page.stories.append(story)
    return page


# ---------------------------------------------------------------- JSON shape


def _credit_to_dict(credit: Credit | None) -> dict[str, str] | None:
    return None if credit is None else {"role": credit.role, "name": credit.name}


def _story_to_dict(story: Story) -> dict[str, Any]:
    return {
        "kicker": story.kicker,
        "headline": story.headline,
        "subtitle": story.subtitle,
        "dateline": story.dateline,
        "bylines": [{"role": b.role, "name": b.name, "org": b.org} for b in story.bylines],
        "body": [{"type": b.type, "text": b.text} for b in story.body],
        "captions": [{"text": c.text, "credit": _credit_to_dict(c.credit)} for c in story.captions],
    }


def page_to_dict(page: PageModel) -> dict[str, Any]:
    """The page model as plain JSON data (the shape of docs/schemas/page.schema.json)."""
    banner = page.banner
    return {
        "banner": None
        if banner is None
        else {
            "hotline": banner.hotline,
            "reward_min": banner.reward_min,
            "reward_max": banner.reward_max,
            "lines": list(banner.lines),
            "qr_caption": banner.qr_caption,
        },
        "weather": [day_to_dict(day) for day in page.weather],
        "stories": [_story_to_dict(story) for story in page.stories],
        "ads": [{"kind": ad.kind, "lines": list(ad.lines)} for ad in page.ads],
        "unplaced": list(page.unplaced),
    }
