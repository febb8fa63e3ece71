"""Find every figure a story prints (pure: no Django).

`extract(text)` returns the story's figures in reading order: the printed text, the value in
base units (万/亿 folded in), the unit as printed after the magnitude, the qualifier (超, 近,
余, 约, 以上…), what is counted (indicator), where (place), when (period) and the kind:
`figure` (a reported fact), `target` (a plan or promise), `ranking` (居全省首位) or `change`
(增加11天, 增幅超过10%).

How it reads (docs/figures.md, decision 0025):

1. `prepare` rejoins paragraphs a column break split mid-sentence (超630 / 家).
2. One pattern finds the quantities: an optional qualifier, a number (Arabic or Chinese,
   with 万/亿, a range, 余/多), and a unit or measure word from `UNITS`. A number with no
   unit is not a figure, which keeps phone numbers (3585000), document numbers
   (〔2022〕12号), page numbers (A02版), dates (12月1日) and years (2022年) out.
3. Ordinals (第十五届), names in quotation marks or book-title marks (“人才金政50条”,
   《…(2022—2024年)》), set phrases (千家万户), clock times (8时30分) and numbers glued to
   Latin letters (PM2.5, 5G) are dropped.
4. Each figure's clause and sentence give its indicator, place, period and kind.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

from chenbao.figures.numerals import (
    CN_NUMERAL_CHARS,
    DIGITS,
    NumeralError,
    as_number,
    read_number,
)

KINDS = ("figure", "target", "ranking", "change")

# Units and measure words, longest first so that 人次 wins over 人 and 平方米 over 米.
UNITS = sorted(
    [
        "个百分点",
        "百分点",
        "个位次",
        "位次",
        "平方公里",
        "平方千米",
        "平方米",
        "立方米",
        "千瓦时",
        "千瓦",
        "兆瓦",
        "万千瓦",
        "千伏",
        "公里",
        "千米",
        "公顷",
        "公斤",
        "千克",
        "毫米",
        "厘米",
        "毫升",
        "毫克",
        "微克/立方米",
        "标准箱",
        "标箱",
        "吨标准煤",
        "人次",
        "家次",
        "户次",
        "架次",
        "车次",
        "批次",
        "台次",
        "班次",
        "个工作日",
        "工作日",
        "个月",
        "小时",
        "分钟",
        "周岁",
        "美元",
        "欧元",
        "港元",
        "日元",
        "英镑",
        "余元",
        "元",
        "人",
        "间",
        "套",
        "个",
        "家",
        "所",
        "辆",
        "条",
        "处",
        "张",
        "户",
        "亩",
        "米",
        "项",
        "场",
        "次",
        "枚",
        "分",
        "名",
        "位",
        "天",
        "种",
        "类",
        "座",
        "台",
        "架",
        "艘",
        "栋",
        "幢",
        "层",
        "株",
        "棵",
        "只",
        "头",
        "本",
        "册",
        "件",
        "批",
        "份",
        "列",
        "趟",
        "班",
        "例",
        "倍",
        "岁",
        "斤",
        "克",
        "吨",
        "升",
        "度",
        "块",
        "盏",
        "部",
        "期",
        "轮",
        "组",
        "队",
        "支",
        "篇",
        "幅",
        "款",
        "宗",
        "笔",
        "起",
        "眼",
        "口",
        "对",
        "门",
        "道",
        "段",
        "片",
        "床",
        "周",
        "秒",
        "%",
        "‰",
        "℃",
        "成",
    ],
    key=len,
    reverse=True,
)
UNITS.remove("余元")  # 余 belongs to the qualifier; kept out of the list on purpose

PRE_QUALIFIERS = [
    "超过",
    "超出",
    "超",
    "将近",
    "接近",
    "近",
    "大约",
    "约",
    "达到",
    "达",
    "累计",
    "共计",
    "总计",
    "合计",
    "共",
    "逾",
    "不少于",
    "不低于",
    "不足",
    "不到",
    "至少",
    "多达",
    "高达",
    "突破",
    "最高",
    "最低",
    "仅",
]
POST_QUALIFIERS = ["以上", "以下", "左右", "上下", "之多", "以内", "多", "余"]

_AR = r"\d+(?:,\d{3})*(?:\.\d+)?"
_MAG = r"(?:[百千](?![米瓦克伏]))?[万亿]*"
_CN = rf"[{CN_NUMERAL_CHARS}]+(?:点[零〇○一二三四五六七八九]+[万亿]*)?"
_NUM = rf"(?:{_AR}(?:余|多)?{_MAG}|一半|{_CN})"
_UNIT = "|".join(re.escape(u) for u in UNITS)

FIGURE = re.compile(
    rf"(?P<pre>{'|'.join(sorted(PRE_QUALIFIERS, key=len, reverse=True))})?"
    rf"(?P<pct>百分之)?"
    rf"(?P<num>{_NUM})"
    rf"(?:(?P<sep>[~～\-—–－至到])(?P<num2>{_NUM}))?"
    rf"(?P<mid>余|多)?"
    rf"(?P<unit>{_UNIT})?"
    rf"(?P<post>以上|以下|左右|上下|之多|以内)?"
)
RANKING = re.compile(
    r"(?P<verb>位居|位列|名列|跃居|稳居|跻身|进入|挤进|排名|排在|(?<![安编]排)排|居|(?<![系行陈并罗序])列)"
    r"(?P<scope>[^，,。；;、\s]{0,8}?)"
    r"(?:第(?P<nth>[0-9一二三四五六七八九十]+)|(?P<first>首)|前(?P<top>[0-9一二三四五六七八九十]+))"
    r"(?P<unit>位|名)?"
    r"(?![场次届期个项条])"
)
FRACTION = re.compile(
    rf"(?P<pre>约|近|超过|超|逾|不到|不足)?(?P<den>{_AR}|[{CN_NUMERAL_CHARS}]+)分之(?P<num>{_AR}|[{CN_NUMERAL_CHARS}]+(?:点[零〇○一二三四五六七八九]+)?)"
)
# A number inside a set phrase or slogan is not a figure.
SET_PHRASES = [
    "千家万户",
    "五位一体",
    "三个代表",
    "两个维护",
    "两个确立",
    "四个意识",
    "四个自信",
    "四个全面",
    "两个务必",
    "一带一路",
    "千方百计",
    "万无一失",
    "三番五次",
    "四面八方",
    "五湖四海",
    "十全十美",
    "百里挑一",
    "千千万万",
    "一批又一批",
    "一次性",
    "一站式",
    "一揽子",
    "一条龙",
    "一对一",
    "一件事",
    "一张网",
    "一张图",
    "一网通办",
    "一窗受理",
    "一次办好",
    "百分百",
    "一户一策",
    "一村一策",
    "一企一策",
    "一人一档",
    "一事一议",
    "四个一批",
    "三个坚定不移",
]

DURATIONS = ("个月", "天", "周", "小时", "个工作日", "工作日", "分钟", "秒")
BARE_CHANGE = re.compile(
    r"(?:同比|环比|比上年|较上年)?(?:分别|均)?(?:增长|下降|增加|减少|上涨|下跌|提高|降低|上升|回落|末减少|末增加)?了?"
)
PAIRED = ("和", "与", "及", "、", "和约", "、约")
RANGE_JOINS = ("到", "至", "~", "～", "—", "-", "－", "–")
SET_PHRASE = re.compile("|".join(SET_PHRASES))
CLAUSE_STOP = re.compile("[。！？!?\n，,；;：:、]")
SENTENCE_END = "。！？!?\n"
CLAUSE_END = "。！？!?\n，,；;：:、"
QUOTE_PAIRS = {"“": "”", '"': '"', "「": "」", "『": "』", "‘": "’"}

TARGET_WORDS = re.compile(
    r"计划|力争|目标|(?<!即)将(?!近|其|这|此|该|全部)|确保|预计|拟|争取(?![^，,。；;]{0,6}资金)|规划|承诺|到20\d\d年|年内完成|年底前|前完成|建成后|投产后|达产后"
)
NOT_TARGET = re.compile(
    r"按照?(?:计划|规划|目标)|目标任务|计划单列|完成[^，,。；;]*?目标|目标的|列入[^，,。；;]*?(?:计划|规划)|[^，,。；;]*?(?:计划|规划)的"
)
CHANGE_WORDS = re.compile(
    r"(?:增加|增长|减少|下降|提高|降低|上升|提升|扩大|缩小|缩短|延长|节约|节省|回落|上涨|下跌|增幅|降幅|增速|"
    r"涨幅|跌幅|同比|环比|加快|放缓|回升|收窄|提速|偏高|偏低|偏多|偏少|前移|后移|快|慢|比上年|(?<!新)增|降|减|涨|跌|多|少)"
    r"(?:了|均|分别|为|约|达|都|各)*$"
)
COMPARED = re.compile(r"(?:高于|低于|高出|低出|快于|慢于|多于|少于)[^，,。；;]{0,8}$")
LEVEL_AFTER_CHANGE = re.compile(
    r"(?:增加|增长|提高|提升|上升|下降|降低|减少|扩大|缩短|增|降|减|升)(?:到|至)$"
)
PEOPLE = re.compile(
    r"居民|群众|市民|村民|人口|游客|学生|职工|党员|农民|网民|用户|观众|读者|患者|考生|老人|儿童"
)
OVER_PLAN = re.compile(r"(?:超出|超过|高于|低于|比)[^，,。；;]{0,6}?(?:计划|目标|预期)[多少]?$")
ACTUAL = re.compile(r"已(?!经?将)|截至|截止|去年|上年|实际|实现了")
PAST = re.compile(r"已|去年|上年|累计|截至|截止|实际")
PLAN_LEAD = re.compile(
    r"(?:公布|出台|印发|发布|确定|部署|推出)[^。]{0,30}?(?:实事项目|实事|计划|清单|目标|任务|规划)"
    r"|(?:实事项目|行动计划|工作计划|目标任务)[^。]{0,20}?(?:公布|出台|印发|发布|确定)"
)
REPORT_LEAD = re.compile(r"情况|进展|成效|答卷|完成|总结")
CUMULATIVE = re.compile(r"累计|共计|总计|合计|累积")

PERIOD = re.compile(
    r"\d{4}\s*[—–\-~～至到]\s*\d{4}年"
    r"|(?:截至|截止|到)?\d{4}年(?:底|末|初|上半年|下半年|前三季度|第[一二三四]季度|"
    r"\d{1,2}[—–\-~～至]\d{1,2}月份?|\d{1,2}月(?:底|末|份)?)?(?:前|以来)?"
    r"|\d{1,2}[—–\-~～至]\d{1,2}月份?"
    r"|(?:截至|截止|到)\d{1,2}月(?:\d{1,2}日|底|末|份)?"
    r"|(?:截至|截止)?(?:今年|去年|明年|前年|本年|当年|上年)(?:以来|年初|年底|年末|末|底|上半年|下半年|前三季度|"
    r"\d{1,2}[—–\-~～至]\d{1,2}月份?|\d{1,2}月(?:底|末|份)?)?(?:前|以来)?"
    r"|截至目前|目前|年内|年底前|本年度|年度|上半年|下半年|前三季度|第?[一二三四]季度|全年"
    r"|近(?:[一二三四五六七八九十]|\d{1,2})年(?:来)?"
    r"|[“\"]十[一二三四五六七]五[”\"](?:时期|期间|末)?"
)
WHOLE_PLACE = re.compile(r"全(?:市|省|国|区|县|镇|乡)")
PLACE = re.compile(
    r"全(?:市|省|国|区|县|镇|乡)"
    r"|^(?:在|为|对|据|从|由)?(?P<name>[\u4e00-\u9fa5]{2,4}?(?:省|市|区|县|镇|乡|街道|社区|村))"
    r"(?![场民政委级里内外])"
)
NOT_A_NAME = re.compile(r"^[在为对据从由向给使让]|该|本|我|其|各|全|今年|去年|明年|年内|目前|已")
NOT_PLACE = (
    "城市",
    "超市",
    "上市",
    "都市",
    "门市",
    "城区",
    "农村",
    "乡村",
    "社区",
    "城乡",
    "市县",
    "省市",
)
_SOURCES = "新华社|中新社|本报|人民网|央视网"
# 淄博12月1日讯, 本报淄博3月14日讯, 新华社北京3月14日电: the place; 本报3月14日讯 names none
DATELINE = re.compile(
    rf"(?<![\u4e00-\u9fa5])(?:{_SOURCES})?(?P<place>(?!{_SOURCES})[\u4e00-\u9fa5]{{2,4}}?)\d{{1,2}}月\d{{1,2}}日(?:电|讯)"
)

LEAD_FILLERS = re.compile(
    r"^(?:其中|同时|此外|另外|已经|已|共有|共|有|累计|全部|先后|陆续|目前|均|都|还|并|又|再|为|对|向|给|在|使|让|"
    r"今年以来|截至目前|年内|年度|当年|今年|去年|并且|而且|以及|和|及|与)+"
)
TAIL_FILLERS = re.compile(
    r"(?:达到|达|为|是|共|约|近|超过|超|有|了|计|至|到|合计|总计|累计|均|分别|已|逾|突破|将近|接近|多达|"
    r"高达|仅|的|共有|总数|人数为|增加到|增加至|提高到|提高至|提升到|提升至|下降到|下降至|降低到|降低至|减少到|"
    r"减少至|扩大到|增至|降至|升至|保持在|保持)+$"
)
VERBS = re.compile(
    r"夺得|获得|发放|完成|实现|建成|新建|新增|培训|救助|帮扶|接待|招聘|吸纳|引进|安置|开展|举办|举行|投入|"
    r"投资|筹集|兑现|惠及|覆盖|带动|签约|签订|改造|更换|种植|建设|收治|检测|接种|救治|办理|受理|查处|发现|"
    r"处置|拨付|补贴|减免|缓缴|铺设|设置|配备|启动|成立|邀请|提供|承保|开通|运行|更新|落实"
)
VERB_AT_END = re.compile(rf"(?:{VERBS.pattern})$")
VERB_AT_START = re.compile(
    rf"(?:{VERBS.pattern}|列入|实施|完成|新改|改造|铺设|提升|推进|加快|扩大)"
)
FOLLOW_STOP = re.compile(
    r"[，,。；;：:、！？!?\n（(“”\d]|实施|开展|发放|全部|进展|参加|参与|获得|获|受益|提供|建成|实现|享受|纳入|"
    r"接受|办理|开工|投入|已|共|均|都|被|将|在|的|得到|分别|达到|完成"
)


@dataclass(frozen=True)
class Figure:
    text: str
    value: int | float
    unit: str
    qualifier: str
    indicator: str
    place: str
    period: str
    kind: str
    start: int
    end: int
    upper: int | float | None = None
    cumulative: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def prepare(text: str) -> str:
    """Plain story text: heading marks dropped, paragraphs a column break split rejoined."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    out: list[str] = []
    for para in paragraphs:
        if not para:
            continue
        para = "\n".join(line.strip() for line in para.split("\n"))
        if out and _continues(out[-1], para):
            out[-1] += para
        else:
            out.append(para)
    return "\n".join(re.sub(r"^#+\s*", "", p) for p in out)


def _continues(previous: str, following: str) -> bool:
    if previous.startswith("#") or following.startswith("#"):
        return False
    return previous[-1] not in "。！？!?；;：:”」』）)…】"


def _enclosed(text: str, start: int, end: int) -> bool:
    """Inside 《…》, or inside a short quotation that names something (“人才金政50条”)."""
    left = text.rfind("《", 0, start)
    if left != -1 and text.rfind("》", left, start) == -1 and text.find("》", end) != -1:
        return True
    for opening, closing in QUOTE_PAIRS.items():
        left = text.rfind(opening, max(0, start - 16), start)
        if left == -1 or (opening == closing and text.count(opening, 0, left) % 2):
            continue
        if text.rfind(closing, left + 1, start) != -1:
            continue
        right = text.find(closing, end)
        if right == -1 or right - left > 18:
            continue
        inside = text[left + 1 : right]
        if not re.search(r"[，,。；;！？]", inside):
            return True
    return False


@lru_cache(maxsize=8)
def _set_phrase_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in SET_PHRASE.finditer(text))


def _in_set_phrase(text: str, start: int, end: int) -> bool:
    return any(a <= start and end - 1 <= b for a, b in _set_phrase_spans(text))


@lru_cache(maxsize=32)
def _stops_at(text: str, stops: str) -> list[int]:
    """Where each run after a stop character begins (0 first), sorted, for `_bounds`."""
    return [0, *(m.end() for m in _stop_pattern(stops).finditer(text))]


@lru_cache(maxsize=8)
def _stop_pattern(stops: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(stops)}]")


def _bounds(text: str, start: int, stops: str) -> int:
    """The start of the clause (or sentence) that `start` is in."""
    starts = _stops_at(text, stops)
    return starts[bisect_right(starts, start) - 1]


def _clock_time(text: str, start: int, unit: str) -> bool:
    return unit == "分" and re.search(r"\d+[时点:]$", text[max(0, start - 4) : start]) is not None


def _value(match: re.Match[str]) -> tuple[Decimal, Decimal | None]:
    number = match["num"]
    mid = ""
    if number[-1] not in "0123456789" and re.search(r"[余多]", number):
        mid = "余"
    if number == "一半":
        return Decimal(50), None
    value = read_number(re.sub(r"[余多]", "", number))
    upper = None
    if match["num2"]:
        upper = read_number(re.sub(r"[余多]", "", match["num2"]))
        # 3至5万人: the magnitude printed once applies to both ends
        low_magnitude = re.search(r"[万亿]+$", number)
        high_magnitude = re.search(r"[万亿]+$", match["num2"])
        if high_magnitude and not low_magnitude:
            value *= read_number("1" + high_magnitude.group())
    del mid
    return value, upper


def _qualifier(match: re.Match[str]) -> str:
    if match["pre"]:
        return match["pre"]
    inner = re.search(r"(余|多)", match["num"][1:]) if match["num"][0].isdigit() else None
    if inner:
        return inner.group()
    return match["mid"] or match["post"] or ""


@lru_cache(maxsize=8)
def _periods(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((m.start(), m.end(), m.group()) for m in PERIOD.finditer(text) if m.group())


def _period(text: str, sentence_start: int, start: int) -> str:
    """The last period the sentence names before the figure (今年, 1—10月份, 2022—2024年)."""
    found = ""
    for a, b, words in _periods(text):
        if a >= start:
            break
        if a >= sentence_start and b <= start:
            found = words
    return found


def _place(clause: str, default: str) -> str:
    """全市/全省…, or a place name opening the clause (张店区, 在山东省…); else the dateline's."""
    whole = WHOLE_PLACE.search(clause)
    if whole:
        return whole.group()
    for match in PLACE.finditer(clause):
        name = match["name"] or match.group()
        if match["name"] and (
            name.startswith(NOT_PLACE) or VERB_AT_START.match(name) or NOT_A_NAME.search(name)
        ):
            continue
        return name
    return default


def _indicator(before: str, after: str, place: str, period: str) -> str:
    phrase = before
    for word in (period, place):
        if word:
            at = phrase.rfind(word)
            if at != -1:
                phrase = phrase[at + len(word) :]
    phrase = TAIL_FILLERS.sub("", LEAD_FILLERS.sub("", phrase))
    phrase = PERIOD.sub("", phrase)
    phrase = LEAD_FILLERS.sub("", phrase)
    follow = FOLLOW_STOP.split(after.removeprefix("的"), maxsplit=1)[0][:10]
    if len(phrase) <= 1:
        return follow or phrase
    if len(phrase) > 10:
        verbs = list(VERBS.finditer(phrase))
        if verbs and verbs[-1].start() > 0:
            phrase = phrase[verbs[-1].start() :]
    if VERB_AT_END.search(phrase):
        return phrase + follow
    return phrase
    return phrase


def _planned(sentence: str) -> bool:
    """The sentence before a figure plans it (计划, 力争, 将…) and reports nothing since."""
    plain = NOT_TARGET.sub("", sentence) if TARGET_WORDS.search(sentence) else ""
    planned = list(TARGET_WORDS.finditer(plain))
    return bool(planned) and not ACTUAL.search(plain, planned[-1].end())


def _kind(text: str, clause_start: int, start: int, plan_story: bool) -> str:
    """figure, change or target (ranking is found by its own pattern)."""
    before = text[clause_start:start]
    clause = text[_bounds(text, start, CLAUSE_END) : start]
    sentence = text[_bounds(text, start, SENTENCE_END + "；;") : start]
    if OVER_PLAN.search(before):
        return "change"  # 超出年初计划6.3亿元: measured against the plan
    if not ACTUAL.search(clause):
        if _planned(sentence):
            return "target"  # 计划…500个 — but not 计划…, 截至9月底已开工478个, 开工率95.6%
        if plan_story and not PAST.search(sentence):
            return "target"
    if LEVEL_AFTER_CHANGE.search(before):
        return "figure"
    return "change" if CHANGE_WORDS.search(before) or COMPARED.search(before) else "figure"


def plan_story(text: str) -> bool:
    """A story that announces a plan or a list of pledges (十大民生实事项目公布), from its lead."""
    lead = text.split("\n", 1)[0]
    return bool(PLAN_LEAD.search(lead)) and not REPORT_LEAD.search(lead)


def _people(text: str, match: re.Match[str]) -> bool:
    """30多万居民: a count of people printed without 人."""
    return bool(re.search(r"[万亿]", match["num"])) and PEOPLE.match(text, match.end()) is not None


def _skip(text: str, match: re.Match[str], start: int, end: int) -> bool:
    number = match["num"]
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if match["unit"] is None and not match["pct"] and match["num"] != "一半":
        return not _people(text, match)
    if before == "第" or before.isdigit() or (before and before in ".-/"):
        return True  # 第十五届, 0533-…
    if before and before in "数几" and not number[0].isdigit():
        return True  # 数十个, 几百家: dozens, hundreds — not ten, not a hundred
    if after.isascii() and after.isalpha():
        return True
    if number[0] not in "0123456789":
        unit = match["unit"] or ""
        if (
            number == "一"
            and not match["pre"]
            and unit != "倍"
            and (len(unit) < 2 or unit in DURATIONS)
        ):
            return True  # 一村, 一批, 一个月内: a lone 一 is a word, not a count
        if number in ("两", "二") and not match["pre"] and unit in ("", "个", "项", "位"):
            return True  # 两个维护, 两项制度: slogans; 两个百分点, 两家企业 are counts
        if number == "万" or number == "亿":
            return True
    if match["unit"] == "成" and number[0].isdigit():
        return True
    if match["unit"] == "分" and not number[0].isdigit():
        return True  # 十分重视, 万分感谢: "very"; scores are printed in Arabic digits
    if _clock_time(text, start, match["unit"] or ""):
        return True
    if match["unit"] in DURATIONS and (
        (before and before in "前这") or re.match(r"来|以来", text[end : end + 2])
    ):
        return True  # 前10个月, 近3年来: a period, not a count
    return _enclosed(text, start, end) or _in_set_phrase(text, start, end)


def _figure_from(
    text: str, match: re.Match[str], default_place: str, last_end: int, is_plan: bool = False
) -> Figure | None:
    start = match.start("num") - (len(match["pct"] or ""))
    start = match.start() if match["pre"] else start
    end = match.end()
    if _skip(text, match, match.start("pct") if match["pct"] else match.start("num"), end):
        return None
    try:
        value, upper = _value(match)
    except NumeralError:
        return None
    unit = match["unit"] or ("人" if _people(text, match) else "%")
    if match["pct"] or match["num"] == "一半":
        unit = "%"
    elif unit == "成":
        value, unit = value * 10, "%"
        upper = upper * 10 if upper is not None else None
        tenth = text[end : end + 1]
        if tenth and tenth in DIGITS and text[end + 1 : end + 2] not in CN_NUMERAL_CHARS:
            value, end = value + DIGITS[tenth], end + 1  # 八成五 = 85%
    elif unit in ("％",):
        unit = "%"
    sentence_start = _bounds(text, start, SENTENCE_END)
    clause_start = max(_bounds(text, start, CLAUSE_END), last_end)
    stop = CLAUSE_STOP.search(text, end)
    clause_end = stop.start() if stop else len(text)
    period = _period(text, sentence_start, start)
    place = _place(text[_bounds(text, start, CLAUSE_END) : start], default_place)
    qualifier = _qualifier(match)
    cumulative = bool(CUMULATIVE.search(text[clause_start:start]))
    if not qualifier and cumulative:
        qualifier = CUMULATIVE.search(text[clause_start:start]).group()  # type: ignore[union-attr]
    before = text[clause_start : match.start()]
    indicator = _indicator(before, text[end:clause_end], place, period)
    return Figure(
        text=text[start:end],
        value=as_number(value),
        unit=unit,
        qualifier=qualifier,
        indicator=indicator,
        place=place,
        period=period,
        kind=_kind(text, clause_start, match.start(), is_plan),
        start=start,
        end=end,
        upper=as_number(upper) if upper is not None else None,
        cumulative=cumulative,
    )


def _ranking(text: str, match: re.Match[str], default_place: str) -> Figure:
    nth = match["nth"] or match["top"]
    value = 1 if match["first"] else as_number(read_number(nth))
    clause_start = _bounds(text, match.start(), CLAUSE_END)
    sentence_start = _bounds(text, match.start(), SENTENCE_END)
    before = text[clause_start : match.start()]
    scope = match["scope"] or default_place
    indicator = TAIL_FILLERS.sub("", LEAD_FILLERS.sub("", before))
    return Figure(
        text=match.group(),
        value=value,
        unit=match["unit"] or "位",
        qualifier="前" if match["top"] else "",
        indicator=indicator,
        place=scope,
        period=_period(text, sentence_start, match.start()),
        kind="target" if _planned(text[sentence_start : match.start()]) else "ranking",
        start=match.start(),
        end=match.end(),
    )


def _fraction(text: str, match: re.Match[str], default_place: str) -> Figure | None:
    """三分之一 → 33.33 %: a share, in percent like 三成 (百分之… is read as a percentage)."""
    try:
        den, num = read_number(match["den"]), read_number(match["num"])
    except NumeralError:
        return None
    if match["den"] == "百" or den == 0 or _enclosed(text, match.start(), match.end()):
        return None
    clause_start = _bounds(text, match.start(), CLAUSE_END)
    sentence_start = _bounds(text, match.start(), SENTENCE_END)
    phrase = TAIL_FILLERS.sub("", LEAD_FILLERS.sub("", text[clause_start : match.start()]))
    return Figure(
        text=match.group(),
        value=round(float(num / den * 100), 2),
        unit="%",
        qualifier=match["pre"] or "",
        indicator=phrase,
        place=_place(text[clause_start : match.start()], default_place),
        period=_period(text, sentence_start, match.start()),
        kind=_kind(text, clause_start, match.start(), False),
        start=match.start(),
        end=match.end(),
    )


def dateline_place(text: str) -> str:
    """The place of a dateline near the top (淄博12月1日讯 → 淄博), or ''."""
    match = DATELINE.search(text[:200])
    return match["place"] if match else ""


def story_text_of(dateline: str, body) -> str:
    """A story's text as the extractor reads it, from its dateline and (block type, value)
    pairs: the dateline, then its paragraphs and subheads."""
    lines = [f"{dateline}讯" if dateline and not dateline.endswith(("讯", "电")) else dateline]
    lines += [str(value).strip() for kind, value in body if kind in ("paragraph", "subhead")]
    return "\n".join(line for line in lines if line)


def story_figures(dateline: str, body) -> list[Figure]:
    """Every figure of a story given as its dateline and (block type, value) pairs."""
    text = story_text_of(dateline, body)
    return extract(text, place=dateline_place(text))


def extract(text: str, *, place: str = "") -> list[Figure]:
    """Every figure in a story's text, in reading order."""
    text = prepare(text)
    default_place = place or dateline_place(text)
    figures: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for match in RANKING.finditer(text):
        figures.append(_ranking(text, match, default_place))
        taken.append((match.start(), match.end()))
    for match in FRACTION.finditer(text) if "分之" in text else ():
        fraction = _fraction(text, match, default_place)
        if fraction is not None:
            figures.append(fraction)
            taken.append((match.start(), match.end()))
    last_end = 0
    is_plan = plan_story(text)
    previous: Figure | None = None
    for match in FIGURE.finditer(text):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        figure = _figure_from(text, match, default_place, last_end, is_plan)
        if figure is None:
            continue
        if previous is not None and text[previous.end : figure.start] in PAIRED:
            # 分别增长5.1%和7.2%: the second figure is read as the first one was
            figure = replace(
                figure, kind=previous.kind, indicator=figure.indicator or previous.indicator
            )
        if (
            previous is not None
            and figure.kind == "change"
            and BARE_CHANGE.fullmatch(figure.indicator)
            and _bounds(text, figure.start, SENTENCE_END) <= previous.start
        ):
            # 第一产业增加值112.3亿元,增长4.1%: the growth of what was just counted
            figure = replace(figure, indicator=previous.indicator)
        figures.append(figure)
        last_end = figure.end
        previous = figure
    return _join_ranges(text, _rankings_of_what(text, sorted(figures, key=lambda f: f.start)))


def _rankings_of_what(text: str, figures: list[Figure]) -> list[Figure]:
    """总积分9911分,列全省第三位: a ranking that names nothing ranks the figure before it."""
    out: list[Figure] = []
    for figure in figures:
        last = out[-1] if out else None
        if (
            figure.kind == "ranking"
            and not figure.indicator
            and last is not None
            and _bounds(text, figure.start, SENTENCE_END) <= last.start
        ):
            figure = replace(figure, indicator=last.indicator)
        out.append(figure)
    return out


def _join_ranges(text: str, figures: list[Figure]) -> list[Figure]:
    """120元到150元 is one figure from 120 to 150, not two."""
    out: list[Figure] = []
    for figure in figures:
        last = out[-1] if out else None
        if (
            last is not None
            and last.unit == figure.unit
            and last.upper is None
            and text[last.end : figure.start] in RANGE_JOINS
            and not figure.qualifier
        ):
            out[-1] = replace(
                last, text=text[last.start : figure.end], end=figure.end, upper=figure.value
            )
        else:
            out.append(figure)
    return out


def extract_dicts(text: str, *, place: str = "") -> list[dict[str, Any]]:
    """The JSON shape of `chenbao figures extract --json`."""
    return [f.as_dict() for f in extract(text, place=place)]


HEADING = re.compile(r"^#{1,2}\s+(.+)$", re.MULTILINE)


def stories(text: str) -> list[tuple[str, str]]:
    """A page dump's stories as (headline, text); plain text is one story with no headline.

    A dump marks headlines with `#`/`##` (`###` is a subhead inside a story); what comes
    before the first headline is the page's furniture (tip-line banner, weather), not a story.
    """
    heads = list(HEADING.finditer(text))
    if not heads:
        return [("", text)]
    out = []
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        out.append((head.group(1).strip(), text[head.end() : end]))
    return out


def extract_page(text: str) -> list[dict[str, Any]]:
    """Every figure of a page dump or a plain text, each with its story's headline."""
    out = []
    for number, (headline, body) in enumerate(stories(text), start=1):
        for figure in extract(body):
            out.append({**figure.as_dict(), "story": number, "headline": headline})
    return out
