"""Tip-line text for the benchmarks: readers' tips about varied events in a city, retold.

A tip is about an *event* (a kind of incident at a place and a time, with details); readers
retell the same event in their own words (different templates, details left out or added,
openers and closers), so the corpus has near-duplicates as the tip-line gets them, and
events of one kind at different places share phrasing as real tips do. Event sizes follow
the day of a burst: most events are told once, some a few times, a few hundreds of times
(the collapsed bridge, the chemical fire). Deterministic for a seed.
"""

import random
from collections.abc import Iterator

DISTRICTS = ["张店区", "淄川区", "博山区", "周村区", "临淄区", "桓台县", "高青县", "沂源县"]
ROADS = [
    "柳泉路", "华光路", "人民路", "共青团路", "西五路", "北京路", "新村路", "金晶大道",
    "联通路", "世纪路", "南京路", "中润大道", "张周路", "鲁泰大道", "东风路", "山泉路",
    "西六路", "杏园路", "理工大道", "昌国路", "美食街", "太平路", "牛山路", "齐园路",
    "孝妇河路", "般阳路", "峨眉山路", "沣水路", "傅山路", "环山路",
]  # fmt: skip
PLACES = [
    "小区", "花园", "家园", "新村", "商场", "菜市场", "中学", "小学", "公园", "医院",
    "汽车站", "火车站", "广场", "批发市场", "工业园", "幼儿园",
]  # fmt: skip
PLACE_NAMES = [
    "金茂", "阳光", "和平", "齐盛", "万象", "银座", "丰泽", "泰和", "华侨", "明珠", "翡翠",
    "锦绣", "康宁", "世纪", "东方", "新华", "青年", "朝阳", "惠民", "安泰",
]  # fmt: skip
TIMES = [
    "今天早上七点多", "今早六点左右", "刚才", "十分钟前", "中午十二点", "下午三点多",
    "傍晚", "昨晚十点左右", "昨天夜里", "凌晨两点", "今天上午", "一个小时前",
]  # fmt: skip
KINDS: dict[str, tuple[list[str], list[str]]] = {
    "crash": (
        [
            "{place}{time}{n}辆车相撞，{d}",
            "{time}在{place}看到车祸，{n}辆车撞在一起，{d}",
            "{place}出车祸了，{d}，时间是{time}",
            "{time}{place}发生交通事故，{d}",
        ],
        ["有人受伤", "交警已经到了", "堵了很长一段", "救护车来了", "一辆车翻了", "车头撞烂了"],
    ),
    "fire": (
        [
            "{place}{time}着火了，{d}",
            "{time}看到{place}冒黑烟，{d}",
            "{place}起火，{d}，大概是{time}开始的",
            "{time}{place}失火，{d}",
        ],
        ["消防车来了", "烟很大", "楼里的人都跑出来了", "火苗蹿得很高", "味道很呛", "还没人管"],
    ),
    "flood": (
        [
            "{place}积水很深，{d}，{time}开始的",
            "{time}{place}的路被水淹了，{d}",
            "{place}下水道堵了，{d}",
            "{time}起{place}一片汪洋，{d}",
        ],
        ["车过不去", "水没过膝盖", "有车熄火了", "行人只能绕路", "商户店里进水了", "排水口冒水"],
    ),
    "water": (
        [
            "{place}{time}开始停水，{d}",
            "我们{place}停水了，{d}",
            "{place}自来水发黄，{d}，从{time}开始",
            "{time}到现在{place}一直没水，{d}",
        ],
        ["也没有通知", "物业说不知道", "老人孩子没法做饭", "打热线没人接", "好几栋楼都这样"],
    ),
    "power": (
        [
            "{place}{time}停电了，{d}",
            "{place}整片没电，{d}",
            "{time}开始{place}断电，{d}",
            "{place}电压不稳，{d}，{time}最严重",
        ],
        ["电梯困人了", "冰箱里的东西都坏了", "供电所说在抢修", "已经好几个小时", "路灯也不亮"],
    ),
    "noise": (
        [
            "{place}施工噪音太大，{d}",
            "{time}{place}还在施工，{d}",
            "{place}的广场舞声音特别大，{d}",
            "{place}晚上{time}还有渣土车，{d}",
        ],
        ["吵得睡不着", "孩子要高考了", "打过投诉电话没用", "天天这样", "灰尘也很大"],
    ),
    "road": (
        [
            "{place}路面塌陷了一个坑，{d}",
            "{place}井盖丢了，{d}",
            "{place}的红绿灯坏了，{d}，{time}就这样了",
            "{place}路灯不亮，{d}",
        ],
        ["很危险", "已经有电动车摔了", "晚上看不见", "没有设警示牌", "好几天了没人修"],
    ),
    "price": (
        [
            "{place}的菜价一下涨了很多，{d}",
            "{place}有商户缺斤短两，{d}",
            "{place}停车乱收费，{d}",
            "{place}的饭店卫生很差，{d}，{time}去吃的",
        ],
        ["没有明码标价", "投诉没人管", "好多人都被坑了", "老板态度很差", "还不给发票"],
    ),
    "help": (
        [
            "{place}有位老人走失了，{d}",
            "{time}在{place}捡到一个钱包，{d}",
            "{place}有只狗咬人，{d}",
            "{place}电梯困住人了，{d}，{time}的事",
        ],
        ["穿蓝色外套", "说话不太清楚", "已经报警了", "希望失主联系我", "孩子吓坏了"],
    ),
}
OPENERS = ["", "", "你好，", "记者你好，", "爆料：", "晨报你好，", "我要反映个事，"]
CLOSERS = [
    "", "", "请记者来看看。", "希望有关部门管管。", "谁来管管？", "大家注意安全。",
    "请帮忙反映一下。", "有照片。",
]  # fmt: skip
# Kinds whose templates all tell one incident; in the others each template is an incident
# of its own (a lost old man, a found wallet), so an event keeps the one it was.
RETOLD = {"crash", "fire", "flood"}
BURSTS = [
    "{place}的桥塌了，{d}",
    "{place}的化工厂着火爆炸，{d}",
]
BURST_DETAILS = [
    "有车掉下去了",
    "好多人在围观",
    "消防和救护车都来了",
    "浓烟一直往北飘",
    "听到好几声巨响",
    "窗户都震碎了",
    "附近的路都封了",
    "现场有人受伤",
    "空气里有刺鼻的味道",
    "学校让学生先回家了",
]


def _place(rnd: random.Random) -> str:
    roll = rnd.random()
    if roll < 0.4:
        a, b = rnd.sample(ROADS, 2)
        return f"{rnd.choice(DISTRICTS)}{a}和{b}路口"
    if roll < 0.7:
        return f"{rnd.choice(ROADS)}{rnd.randint(1, 300)}号附近"
    return f"{rnd.choice(DISTRICTS)}{rnd.choice(PLACE_NAMES)}{rnd.choice(PLACES)}"


class Event:
    """One event: its kind, place, time and details; `tell` retells it."""

    def __init__(self, rnd: random.Random, burst: str | None = None) -> None:
        self.rnd = rnd
        self.burst = burst
        self.kind = rnd.choice(sorted(KINDS))
        self.place = _place(rnd)
        self.time = rnd.choice(TIMES)
        self.n = rnd.randint(2, 4)
        templates = KINDS[self.kind][0]
        self.templates = templates if self.kind in RETOLD else [rnd.choice(templates)]
        details = BURST_DETAILS if burst else KINDS[self.kind][1]
        self.details = rnd.sample(details, min(len(details), rnd.randint(2, 4)))

    def tell(self) -> str:
        rnd = self.rnd
        details = rnd.sample(self.details, rnd.randint(1, len(self.details)))
        if self.burst:
            body = self.burst.format(place=self.place, d="，".join(details))
            body = f"{rnd.choice(TIMES)}{body}" if rnd.random() < 0.5 else body
        else:
            template = rnd.choice(self.templates)
            body = template.format(place=self.place, time=self.time, n=self.n, d="，".join(details))
        return f"{rnd.choice(OPENERS)}{body}。{rnd.choice(CLOSERS)}"


def tips(count: int, *, seed: int = 16, bursts: int = 2) -> Iterator[tuple[int, str]]:
    """Yield `count` tips as (event number, text): a city's tips on the day of `bursts` bursts.

    Half the tips report a new event, the others retell a recent one (the newer the event,
    the likelier), and a burst event takes about 4 % of all tips each.
    """
    rnd = random.Random(seed)
    events: list[Event] = []
    burst_ids = []
    for n in range(bursts):
        burst_ids.append(len(events))
        events.append(Event(rnd, burst=BURSTS[n % len(BURSTS)]))
    for _ in range(count):
        roll = rnd.random()
        if burst_ids and roll < 0.04 * len(burst_ids):
            number = burst_ids[int(roll / 0.04)]
        elif roll < 0.55 or len(events) <= len(burst_ids):
            number = len(events)
            events.append(Event(rnd))
        else:
            recent = len(events) - 1 - int(rnd.expovariate(1 / 40))
            number = max(len(burst_ids), recent)
        yield number, events[number].tell()
