"""Tests for chenbao.archive.pagetext: e-paper page dumps -> page model."""

import json
import time
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chenbao.archive.pagetext import (
    Byline,
    Caption,
    Credit,
    PageTextError,
    page_to_dict,
    parse_byline_line,
    parse_caption,
    parse_page,
    read_page_file,
)
from chenbao.archive.reference import REFERENCE_PAGE
from chenbao.weather.wording import detect_style, format_day, parse_day

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "fixtures" / "pages"
REFERENCE = PAGES / "reference-2022-12-02-A02.txt"
SCHEMA = json.loads((ROOT / "docs" / "schemas" / "page.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
SENTENCE_ENDS = ("。", "！", "？", "!", "?", "…", "”", "）")


def _page(name: str) -> dict:
    return page_to_dict(parse_page(read_page_file(PAGES / name)))


@pytest.fixture(scope="module")
def reference() -> dict:
    return _page(REFERENCE.name)


def _paragraphs(story: dict) -> list[str]:
    return [b["text"] for b in story["body"] if b["type"] == "paragraph"]


def _subheads(story: dict) -> list[str]:
    return [b["text"] for b in story["body"] if b["type"] == "subhead"]


# ---------------------------------------------------------------- the reference page


def test_reference_fixtures_are_the_seed_file():
    assert REFERENCE.read_bytes() == REFERENCE_PAGE.read_bytes()  # the demo's copy
    seed = ROOT.parent / "shared" / "seed" / "000_cf715755dc76d3bf.txt"
    if not seed.exists():
        pytest.skip("shared/ is not beside this checkout")
    assert REFERENCE.read_bytes() == seed.read_bytes()


def test_reference_validates_against_schema(reference):
    VALIDATOR.check_schema(SCHEMA)
    VALIDATOR.validate(reference)
    json.dumps(reference, ensure_ascii=False)


def test_reference_banner(reference):
    assert reference["banner"] == {
        "hotline": "3585000",
        "reward_min": 50,
        "reward_max": 1000,
        "lines": [
            "手机扫一扫 边聊边爆料",
            "奖金最低50元最高千元",
            "新闻热线 3585000",
            "鲁中晨报热线爆料群群管理员二维码",
        ],
        "qr_caption": "鲁中晨报热线爆料群群管理员二维码",
    }


def test_reference_weather(reference):
    weather = reference["weather"]
    assert [d["text"] for d in weather] == [
        "2日,多云,南风2~3级增强至3~4级,-6~5℃",
        "3日,阴,南风2~3级转北风3~4级,-4~3℃",
        "4日,阴,北风转东南风2~3级,-5~3℃",
    ]
    assert weather[0] == {
        "day": 2,
        "sky": ["多云"],
        "wind": [{"direction": "南风", "force": [2, 3]}, {"direction": "南风", "force": [3, 4]}],
        "wind_change": "增强至",
        "gust": None,
        "temp_min": -6,
        "temp_max": 5,
        "text": "2日,多云,南风2~3级增强至3~4级,-6~5℃",
    }
    for day in weather:
        assert format_day(parse_day(day["text"])) == day["text"]


def test_reference_story_one(reference):
    story = reference["stories"][0]
    assert (story["kicker"], story["headline"], story["subtitle"]) == (
        None,
        "淄博市委常委会召开会议",
        "研究疫情防控、抓党建促乡村振兴等事项",
    )
    assert story["dateline"] == "淄博12月1日讯"
    org = "大众日报淄博融媒体中心"
    assert story["bylines"] == [
        {"role": "记者", "name": "任灵芝", "org": org},
        {"role": "特约记者", "name": "姜东林", "org": org},
        {"role": "特约记者", "name": "梁昊", "org": org},
        {"role": "特约记者", "name": "张晓军", "org": org},
    ]
    paragraphs = _paragraphs(story)
    assert len(paragraphs) == len(story["body"]) == 4
    assert paragraphs[0].startswith("12月1日,淄博市委常委会召开会议")
    assert paragraphs[0].endswith("主持会议并讲话。")
    assert paragraphs[1].startswith("会议指出")
    assert paragraphs[2].startswith("会议传达学习了")
    assert paragraphs[3] == "会议还研究了其他事项。"
    assert story["captions"] == []


def test_reference_story_two(reference):
    story = reference["stories"][1]
    assert story["kicker"] == "“深化民生赋能,打造共同富裕的现代化新淄博”工作开展情况发布"
    assert story["headline"] == "民生建设进展如何?"
    assert story["subtitle"] == "这些变化就在你身边"
    assert story["dateline"] is None
    assert _subheads(story) == [
        "加速推进教育均衡发展",
        "有效激发就业创业活力",
        "加力优化群众就医服务",
        "不断提升重点群体保障",
        "持续优化城乡居住品质",
        "拓展丰富文化体育生活",
        "着力打造美丽宜居环境",
    ]
    assert story["body"][0]["type"] == "paragraph"
    assert story["body"][-1]["type"] == "paragraph"
    assert story["bylines"] == [
        {"role": "记者", "name": "孙渤海", "org": "大众日报淄博融媒体中心"},
        {"role": "见习记者", "name": "吴昊成", "org": "大众日报淄博融媒体中心"},
    ]


def test_reference_column_breaks_are_joined(reference):
    text = "\n".join(p for story in reference["stories"] for p in _paragraphs(story))
    for joined in [
        "保持定力、坚定信心",
        "认真回应群众诉求",
        "想群众之所想",
        "坚持抓党建促乡村振兴",
        "新改扩建幼儿园42所,增加学位5000余个",
        "集采药品销售药店超630家",
        "全民健身赛事活动2100余次",
    ]:
        assert joined in text


def test_reference_every_paragraph_ends_a_sentence(reference):
    for story in reference["stories"]:
        for paragraph in _paragraphs(story):
            assert paragraph.endswith(SENTENCE_ENDS), paragraph


def test_reference_keeps_punctuation_as_printed(reference):
    story = reference["stories"][1]
    assert any("增幅均超过10%，“淄助你”" in p for p in _paragraphs(story))
    assert any("(2022—2024年)" in p for p in _paragraphs(story))


def test_reference_ads_and_nothing_unplaced(reference):
    assert reference["ads"] == [
        {
            "kind": "public_service",
            "lines": [
                "一路文明行驶 安全常在一带",
                "一盔一带 安全常在",
                "遵守交通 安全行驶 佩戴头盔 系安全带",
                "讲文明 树新风",
            ],
        }
    ]
    assert reference["unplaced"] == []


def test_reference_loses_no_body_text(reference):
    source = "".join(REFERENCE.read_text(encoding="utf-8").split())
    for story in reference["stories"]:
        for block in story["body"]:
            assert "".join(block["text"].split()) in source


def test_crlf_bom_and_fullwidth_spaces_are_tolerated(tmp_path, reference):
    text = REFERENCE.read_text(encoding="utf-8")
    mangled = "\ufeff" + "\r\n".join("\u3000 " + line + " \t" for line in text.split("\n"))
    path = tmp_path / "mangled.txt"
    path.write_bytes(mangled.encode("utf-8"))
    assert page_to_dict(parse_page(read_page_file(path))) == reference
    assert page_to_dict(parse_page(mangled)) == reference


# ---------------------------------------------------------------- the variants


def test_every_fixture_validates_and_its_weather_round_trips():
    paths = sorted(PAGES.glob("*.txt"))
    assert len(paths) >= 6
    for path in paths:
        page = page_to_dict(parse_page(read_page_file(path)))
        VALIDATOR.validate(page)
        for day in page["weather"]:
            assert (
                format_day(parse_day(day["text"]), style=detect_style(day["text"])) == day["text"]
            )


def test_variant_start_byline_caption_and_commercial_ad():
    page = _page("variant-1-start-byline.txt")
    assert page["banner"]["hotline"] == "0533-2270000"
    assert (page["banner"]["reward_min"], page["banner"]["reward_max"]) == (100, 800)
    assert page["banner"]["qr_caption"] == "晨报爆料群二维码"
    assert [d["day"] for d in page["weather"]] == [14, 15, 16]
    assert page["weather"][0]["sky"] == ["晴", "多云"]
    assert page["weather"][0]["wind_change"] == "减弱至"
    assert page["weather"][0]["gust"] == 6
    assert page["weather"][1]["wind"] == [{"direction": None, "force": [3, 3]}]
    assert page["weather"][2]["wind"] == [
        {"direction": "东风", "force": [3, 4]},
        {"direction": "东南风", "force": [3, 4]},
    ]
    (story,) = page["stories"]
    assert (story["kicker"], story["headline"], story["subtitle"]) == (
        None,
        "张店区新增公园绿地12处",
        None,
    )
    assert story["bylines"] == [{"role": "记者", "name": "孙若楠", "org": None}]
    assert story["dateline"] == "本报3月14日讯"
    assert story["body"] == [
        {
            "type": "paragraph",
            "text": "记者从张店区园林部门获悉,今年一季度,张店区新增公园绿地12处,"
            "新增绿化面积36万平方米。",
        },
        {
            "type": "paragraph",
            "text": "据介绍,新建公园绿地均配建了座椅、健身器材和公共厕所,方便市民就近休闲。"
            "“以后下楼就能进公园了。”家住附近的王女士说。",
        },
        {"type": "subhead", "text": "年内再建20处"},
        {"type": "paragraph", "text": "园林部门负责人表示,年内张店区还将新建口袋公园20处。"},
    ]
    assert story["captions"] == [
        {"text": "市民在新建成的口袋公园里散步。", "credit": {"role": "摄影", "name": "孙若楠"}}
    ]
    assert page["ads"] == [
        {
            "kind": "commercial",
            "lines": ["家电以旧换新 最高补贴2000元", "地址:张店区中心路88号 电话:2288888"],
        }
    ]
    assert page["unplaced"] == []


def test_a_reporter_in_the_dateline_and_on_the_closing_line_is_named_once():
    """本报3月14日讯(记者 X) … 本报记者 X 实习生 Y: X is one byline, in the bracket's order."""
    first, second = _page("variant-7-bracket-and-closing-byline.txt")["stories"]
    assert first["dateline"] == "本报3月14日讯"
    assert first["bylines"] == [
        {"role": "记者", "name": "孙若楠", "org": None},
        {"role": "实习生", "name": "刘晓彤", "org": None},
    ]
    assert _paragraphs(first)[0].startswith("3月12日是植树节")
    assert second["bylines"] == [
        {"role": "记者", "name": "王磊", "org": None},
        {"role": "通讯员", "name": "赵琳", "org": None},
    ]


def test_variant_bracket_bylines_after_datelines():
    page = _page("variant-2-bracket-bylines.txt")
    assert page["banner"] is None
    assert [d["text"] for d in page["weather"]] == [
        "7日，雨夹雪，西北风4～5级，阵风7级，-3～2℃",
        "8日，晴，西北风3～4级减弱至2级，-7～1℃",
    ]
    first, second = page["stories"]
    assert (first["kicker"], first["headline"], first["subtitle"]) == (
        "东岭港冬季航线今起调整",
        "12条客运航线",
        "班次加密",
    )
    people = [
        {"role": "记者", "name": "周明远", "org": None},
        {"role": "通讯员", "name": "韩晓雪", "org": None},
    ]
    assert first["dateline"] == "新华社东岭12月7日电"
    assert first["bylines"] == people
    assert _paragraphs(first)[0].startswith("记者7日从东岭港务集团获悉")
    assert _paragraphs(first)[2:] == [
        "港务集团提醒旅客:",
        "一是提前通过官方渠道购票;",
        "二是关注天气变化,大风天气航班可能临时停航。",
    ]
    assert (second["headline"], second["subtitle"]) == (
        "淄川区冬季供暖全面启动",
        "12万户居民用上暖气",
    )
    assert second["dateline"] == "淄博12月1日讯"
    assert second["bylines"] == people
    assert _paragraphs(second) == [
        "12月1日起,淄川区冬季供暖全面启动,全区12万户居民用上暖气。供暖期间,热力公司24小时值守,保障供暖平稳运行。",
        "报修电话:5181234。",
    ]
    assert page["ads"] == [
        {"kind": "public_service", "lines": ["节约用水 从我做起", "珍惜每一滴水"]}
    ]
    assert page["unplaced"] == []


def test_variant_stray_text_goes_to_unplaced():
    page = _page("variant-3-stray.txt")
    assert page["banner"] == {
        "hotline": "3585000",
        "reward_min": None,
        "reward_max": None,
        "lines": ["新闻热线 3585000"],
        "qr_caption": None,
    }
    (story,) = page["stories"]
    assert (story["kicker"], story["headline"], story["subtitle"]) == (
        "老城区",
        "改造",
        "提速 今年完成 38个小区",
    )
    assert story["dateline"] == "本报讯"
    assert story["bylines"] == [
        {"role": "记者", "name": "王芳", "org": None},
        {"role": "实习生", "name": "赵雪", "org": None},
        {"role": "通讯员", "name": "刘洋", "org": "张店区融媒体中心"},
    ]
    assert story["captions"] == [
        {"text": "改造后的小区楼道焕然一新。", "credit": {"role": "摄影", "name": "李明"}}
    ]
    assert _paragraphs(story) == [
        "今年以来,我市老旧小区改造提速,已完成38个小区改造。",
        "居民张大爷说:“过去一下雨就积水,现在好了。”",
    ]
    assert page["ads"] == [
        {"kind": "public_service", "lines": ["遵守交通 安全出行", "请系好安全带"]}
    ]
    assert page["unplaced"] == [
        "A03 城事",
        "2022年12月2日 星期五",
        "相关新闻见A05版。",
        "责任编辑 陈静",
        "（下转A04版）",
    ]


def test_variant_fullwidth_spaces_and_banner_forms():
    page = _page("variant-4-fullwidth.txt")
    banner = page["banner"]
    assert (banner["hotline"], banner["reward_min"], banner["reward_max"]) == (
        "0533-3585000",
        50,
        1000,
    )
    assert banner["lines"][0] == "扫码爆料　有奖征集"
    assert page["weather"][0]["sky"] == ["多云", "晴"]
    assert page["weather"][1]["wind_change"] == "转"
    (story,) = page["stories"]
    assert story["headline"] == "周村古商城迎来冬游热"
    assert story["dateline"] == "淄博12月8日讯"
    assert (
        _paragraphs(story)[0] == "周村古商城冬季文旅活动8日启动,首日接待游客1.2万人次,同比增长30%。"
    )
    assert story["bylines"] == [
        {"role": "记者", "name": "孙若楠", "org": None},
        {"role": "记者", "name": "王磊", "org": None},
        {"role": "通讯员", "name": "李响", "org": None},
    ]
    assert page["ads"] == [] and page["unplaced"] == []


def test_variant_commercial_ad_under_a_marker_and_ascii_period_break():
    page = _page("variant-5-commercial.txt")
    first, second = page["stories"]
    assert _paragraphs(first) == [
        "4日,淄博高新区21个重点项目集中开工,总投资86.5亿元,其中工业项目投资11.06亿元。"
        "高新区管委会负责人说:“这批项目将为全年经济发展注入新动能。”"
    ]
    assert [b["role"] for b in first["bylines"]] == ["记者", "通讯员"]
    assert {b["org"] for b in first["bylines"]} == {"大众日报淄博融媒体中心"}
    assert (second["headline"], second["dateline"], second["bylines"]) == ("简讯", "本报讯", [])
    assert page["ads"] == [
        {"kind": "commercial", "lines": ["冬季特惠 全场八折！", "订购电话:2123456"]}
    ]
    assert page["unplaced"] == []


def test_variant_captions_unreadable_weather_and_empty_markers():
    page = _page("variant-6-captions.txt")
    assert [d["day"] for d in page["weather"]] == [7]
    first, second = page["stories"]
    assert first["captions"] == [
        {"text": "孝妇河湿地公园雪景。", "credit": {"role": "摄影", "name": "张晓军"}},
        {"text": "", "credit": {"role": "摄影", "name": "孙若楠"}},
    ]
    assert _paragraphs(first) == ["雪后,孝妇河湿地公园银装素裹,吸引不少市民前来赏雪拍照。"]
    assert second["dateline"] is None
    assert _paragraphs(second) == ["本报讯今天下午,园区举办摄影展。", "展览将持续一周。"]
    assert page["unplaced"] == ["6日,多云,微风,3~9℃", "#", "###"]


# ---------------------------------------------------------------- pieces


@pytest.mark.parametrize(
    ("title", "parts"),
    [
        ("# 一个标题", (None, "一个标题", None)),
        ("# 主题 副题", (None, "主题", "副题")),
        ("## 引题 主题 副题", ("引题", "主题", "副题")),
        ("##\u3000引题\u3000\u3000主题 副题", ("引题", "主题", "副题")),
        ("# 引题 主题 副题一 副题二", ("引题", "主题", "副题一 副题二")),
        ("#引题 主题 副题", ("引题", "主题", "副题")),
        # a title on several lines: the one with the fewest # is the headline
        ("## 全市上下齐心协力\n\n# 淄博打赢秋粮收获攻坚战\n\n## 已收获玉米 380万亩",
         ("全市上下齐心协力", "淄博打赢秋粮收获攻坚战", "已收获玉米 380万亩")),
        ("## 引题在上\n# 主题", ("引题在上", "主题", None)),
        ("# 主题\n## 副题 两段", (None, "主题", "副题 两段")),
        ("# 主题\n# 副题", (None, "主题", "副题")),
        ("# 引题\n# 主题\n# 副题", ("引题", "主题", "副题")),
        ("# 主题 (上接A01版)\n## 副题", (None, "主题", "副题")),
    ],
)  # fmt: skip
def test_title_parts(title, parts):
    (story,) = parse_page(f"{title}\n\n正文。\n").stories
    assert (story.kicker, story.headline, story.subtitle) == parts


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("记者 任灵芝", [Byline("记者", "任灵芝", None)]),
        ("□本报记者 孙若楠", [Byline("记者", "孙若楠", None)]),
        ("本报记者孙若楠", [Byline("记者", "孙若楠", None)]),
        ("记者 周明远 通讯员 韩晓雪",
         [Byline("记者", "周明远", None), Byline("通讯员", "韩晓雪", None)]),
        ("文/本报见习记者 吴昊成", [Byline("见习记者", "吴昊成", None)]),
        ("本报记者 孙若楠、王磊", [Byline("记者", "孙若楠", None), Byline("记者", "王磊", None)]),
        ("淄川区融媒体中心记者 张三 本报通讯员 李四",
         [Byline("记者", "张三", "淄川区融媒体中心"), Byline("通讯员", "李四", None)]),
        ("摄影 阿不都·热合曼", [Byline("摄影", "阿不都·热合曼", None)]),
        ("记者 张三 报道", [Byline("记者", "张三", None)]),
        ("本报记者张三报道", [Byline("记者", "张三", None)]),
        ("通讯员 李四 记者 张三 采写",
         [Byline("通讯员", "李四", None), Byline("记者", "张三", None)]),
        ("（新华社记者 高敬）", [Byline("记者", "高敬", "新华社")]),
        ("(记者 张三 王五)", [Byline("记者", "张三", None), Byline("记者", "王五", None)]),
        ("据新华社报道", None),
        ("报道", None),
        ("记者", None),
        ("记者 张三 通讯员", None),
        ("会议还研究了其他事项。", None),
        ("张三 李四", None),
        ("(记者 张三", None),
        ("一盔一带 安全常在", None),
    ],
)  # fmt: skip
def test_byline_lines(line, expected):
    assert parse_byline_line(line) == expected


SPORT = "市民在公园健身。"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("市民在公园健身。 本报记者 孙若楠 摄", Caption(SPORT, Credit("摄影", "孙若楠"))),
        ("市民在公园健身。本报记者 孙若楠 摄", Caption(SPORT, Credit("摄影", "孙若楠"))),
        ("市民在公园健身。（本报记者 孙若楠 摄）", Caption(SPORT, Credit("摄影", "孙若楠"))),
        ("市民在公园健身。 (记者 孙若楠 王磊 摄)", Caption(SPORT, Credit("摄影", "孙若楠、王磊"))),
        ("市民在公园健身。 张晓军 摄", Caption(SPORT, Credit("摄影", "张晓军"))),
        ("本报记者 孙若楠 摄", Caption("", Credit("摄影", "孙若楠"))),
        ("他正在专心拍摄", None),
        ("市民在公园 健身拍 摄", None),
        ("他正在拍摄 张三摄", None),
    ],
)  # fmt: skip
def test_caption_lines(line, expected):
    assert parse_caption(line) == expected


@pytest.mark.parametrize(
    ("line", "reward"),
    [
        ("奖金最低50元最高千元", (50, 1000)),
        ("奖励100元至800元", (100, 800)),
        ("爆料奖金50元—1000元", (50, 1000)),
        ("爆料奖金50—1000元", (50, 1000)),
        ("奖金最低百元最高两千元", (100, 2000)),
        ("奖金最高5千元", (None, 5000)),
        ("奖金50元~1万元", (50, 10000)),
        ("有奖爆料", (None, None)),
    ],
)
def test_banner_rewards(line, reward):
    banner = parse_page(line).banner
    assert (banner.reward_min, banner.reward_max) == reward


@pytest.mark.parametrize(
    ("line", "hotline"),
    [
        ("新闻热线 3585000", "3585000"),
        ("热线电话:0533-2270000", "0533-2270000"),
        ("爆料热线：(0533)3585000", "(0533)3585000"),
        ("新闻热线3585000 3585111", "3585000"),
    ],
)
def test_banner_hotlines(line, hotline):
    assert parse_page(line).banner.hotline == hotline


@pytest.mark.parametrize(
    ("first_line", "dateline", "text"),
    [
        ("淄博12月1日讯 12月1日,会议召开。", "淄博12月1日讯", "12月1日,会议召开。"),
        ("本报3月14日讯 记者获悉。", "本报3月14日讯", "记者获悉。"),
        ("新华社东岭12月7日电 新闻。", "新华社东岭12月7日电", "新闻。"),
        ("本报讯 新闻。", "本报讯", "新闻。"),
        ("本报淄博12月1日讯\u3000新闻。", "本报淄博12月1日讯", "新闻。"),
        ("淄博12月1日讯(记者 张三)新闻。", "淄博12月1日讯", "新闻。"),
        ("本报讯新闻。", None, "本报讯新闻。"),
        ("会议指出,当前形势严峻。", None, "会议指出,当前形势严峻。"),
        ("淄博12月1日讯 (一)新闻。", "淄博12月1日讯", "(一)新闻。"),
        ("本报2023年3月14日讯 新闻。", "本报2023年3月14日讯", "新闻。"),
        ("【本报讯】新闻。", "本报讯", "新闻。"),
        ("【淄博日报讯】 新闻。", "淄博日报讯", "新闻。"),
        ("[本报3月14日讯](记者 张三)新闻。", "本报3月14日讯", "新闻。"),
        ("【提示】新闻。", None, "【提示】新闻。"),
        ("【本报讯 新闻。", None, "【本报讯 新闻。"),
        ("本报讯】 新闻。", None, "本报讯】 新闻。"),
    ],
)
def test_datelines(first_line, dateline, text):
    (story,) = parse_page(f"# 标题\n\n{first_line}\n").stories
    assert story.dateline == dateline
    assert story.body[0].text == text


def test_jump_marks_leave_the_headline_and_the_text_for_the_unplaced():
    """(上接A01版) after a headline, (下转A06版) closing a column: page furniture, not the
    headline's subtitle or the story's words; kept with the page's unplaced text."""
    page = parse_page(
        "# 周村古商城游客破百万 (上接A01版)\n\n"
        "本报3月14日讯（记者 王小明） 今年以来，古商城接待游客突破100万人次，同比增长\n"
        "（下转第6版）\n"
        "35.6%。\n\n"
        "# 口袋公园（转A07）\n\n家门口就有公园。\n\n（新华社记者 高敬）\n"
    )
    first, second = page.stories
    assert (first.headline, first.subtitle) == ("周村古商城游客破百万", None)
    assert [b.text for b in first.body] == [
        "今年以来，古商城接待游客突破100万人次，同比增长35.6%。"
    ]
    assert (second.headline, second.subtitle) == ("口袋公园", None)
    assert second.bylines == [Byline("记者", "高敬", "新华社")]
    assert [b.text for b in second.body] == ["家门口就有公园。"]
    assert page.unplaced == ["(上接A01版)", "（下转第6版）", "（转A07）"]
    VALIDATOR.validate(page_to_dict(page))


def test_briefs_and_a_front_page_guide_are_items_not_an_ad_or_one_paragraph():
    """简讯 whose items close with a bracketed byline, above a 公益广告; a 导读 list of pages:
    each item its own paragraph, none of them taken for ad text."""
    page = parse_page(
        "# 今日导读\n\nA03 淄博出台稳经济28条措施\n\nB01 齐鲁足球联赛开赛\n\n"
        "# 简讯\n\n"
        "■ 淄博市图书馆新馆开放 3月14日，新馆正式开放，首日接待读者5000余人次。（记者 王磊）\n\n"
        "■ 张店区启动春季植树 3月14日，共植树2万余株。（通讯员 李华）\n\n"
        "公益广告\n\n文明淄博 你我共建\n"
    )
    guide, briefs = page.stories
    assert [b.text for b in guide.body] == ["A03 淄博出台稳经济28条措施", "B01 齐鲁足球联赛开赛"]
    assert [b.text[:8] for b in briefs.body] == ["■ 淄博市图书馆", "■ 张店区启动春"]
    assert [(ad.kind, ad.lines) for ad in page.ads] == [("public_service", ["文明淄博 你我共建"])]
    assert page.unplaced == []


def test_a_leading_byline_after_an_editors_note_keeps_the_interview_in_the_story():
    """An interview: 编者按, then □本报记者 (or a bare byline), the questions and answers and a
    相关链接 box. The byline leads the story; it does not end it (the whole interview went
    to the page's unplaced text)."""
    for byline in ["□本报记者 刘洋", "本报记者 刘洋", "文/本报记者 刘洋"]:
        (story,) = parse_page(
            "# 对话 “把小店开成老字号”\n\n"
            "编者按：周村烧饼制作技艺是国家级非物质文化遗产。\n\n"
            f"{byline}\n\n"
            "记者：您是什么时候开始学做烧饼的？\n\n答：我12岁就跟着父亲学。\n\n"
            "相关链接\n\n周村烧饼始于清光绪年间。\n"
        ).stories
        assert story.bylines == [Byline("记者", "刘洋", None)], byline
        assert [(b.type, b.text[:4]) for b in story.body] == [
            ("paragraph", "编者按："),
            ("paragraph", "记者：您"),
            ("paragraph", "答：我1"),
            ("subhead", "相关链接"),
            ("paragraph", "周村烧饼"),
        ], byline


def test_a_byline_after_the_text_still_ends_the_story():
    page = parse_page("# 标题\n\n正文一句。\n\n本报记者 刘洋\n\n相关新闻见A05版。\n")
    assert [b.text for b in page.stories[0].body] == ["正文一句。"]
    assert page.unplaced == ["相关新闻见A05版。"]


def test_dateline_alone_on_its_line_joins_the_next_fragment():
    (story,) = parse_page("# 标题\n\n本报讯\n\n(记者 张三)\n\n新闻内容。\n").stories
    assert (story.dateline, story.body[0].text) == ("本报讯", "新闻内容。")
    assert story.bylines == [Byline("记者", "张三", None)]
    (story,) = parse_page("# 标题\n\n本报讯 (记者 张三\n\n通讯员 李四) 新闻内容。\n").stories
    assert story.dateline == "本报讯"
    assert [b.name for b in story.bylines] == ["张三", "李四"]
    assert story.body[0].text == "新闻内容。"


def test_column_breaks_after_colon_and_semicolon():
    text = "# 标题\n\n措施如下:\n\n一是加强;\n\n二是提速。\n\n他说:\n\n“好。”\n\n甲;\n\n乙。\n"
    (story,) = parse_page(text).stories
    assert [b.text for b in story.body] == [
        "措施如下:",
        "一是加强;",
        "二是提速。",
        "他说:“好。”",
        "甲;乙。",
    ]


def test_never_joins_across_subheads_or_titles():
    text = "# 甲 乙\n\n未完的句子\n\n### 小标题\n\n接着\n\n# 另一篇\n\n开头的话\n"
    first, second = parse_page(text).stories
    assert [(b.type, b.text) for b in first.body] == [
        ("paragraph", "未完的句子"),
        ("subhead", "小标题"),
        ("paragraph", "接着"),
    ]
    assert [b.text for b in second.body] == ["开头的话"]


def test_byline_like_fragment_inside_a_sentence_is_text():
    text = "# 标题\n\n他在接受\n\n记者 采访时说\n\n很好。\n\n记者 张三\n"
    (story,) = parse_page(text).stories
    assert [b.text for b in story.body] == ["他在接受记者 采访时说很好。"]
    assert story.bylines == [Byline("记者", "张三", None)]


def test_ad_marker_glued_to_the_last_line():
    page = parse_page("# 标题\n\n正文。\n\n珍惜粮食 光盘行动公益广告\n")
    assert [(a.kind, a.lines) for a in page.ads] == [("public_service", ["珍惜粮食 光盘行动"])]
    page = parse_page("# 标题\n\n我市投放了一批公益广告\n\n效果很好。\n")
    assert page.ads == []
    assert page.stories[0].body[0].text == "我市投放了一批公益广告效果很好。"


def test_two_ad_blocks_in_one_story():
    page = parse_page("# 标题\n\n正文。\n\n八折 广告\n\n节约用水 公益广告\n")
    assert [(a.kind, a.lines) for a in page.ads] == [
        ("commercial", ["八折"]),
        ("public_service", ["节约用水"]),
    ]


def test_text_without_stories():
    page = parse_page("随便一些文字\n\n天气预报 2日,晴,北风3级,1~8℃\n")
    assert page.stories == [] and page.banner is None
    assert page.unplaced == ["随便一些文字"]
    assert [d.day for d in page.weather] == [2]
    assert page_to_dict(parse_page("")) == {
        "banner": None,
        "weather": [],
        "stories": [],
        "ads": [],
        "unplaced": [],
    }


def test_long_lines_stay_fast():
    lines = [
        "测" * 20000 + "摄",
        "测" * 3000 + "记者" + "测 " * 1000 + "摄",
        "记者 " + "张三 " * 3000,
    ]
    start = time.perf_counter()
    page = parse_page("# 标题\n\n" + "\n\n".join(lines) + "\n")
    assert time.perf_counter() - start < 0.5
    VALIDATOR.validate(page_to_dict(page))


# ---------------------------------------------------------------- bad files


@pytest.mark.parametrize(
    ("content", "word"),
    [
        (b"", "empty"),
        (b"  \n\n\t \r\n", "empty"),
        ("\u3000\n".encode(), "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(128, 256)) * 8, "binary"),
        (bytes(range(129, 255)) * 8, "binary"),
        (bytes((n * 7919) % 254 + 1 for n in range(3000)), "binary"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08 page", "binary"),
        ("# 标题\n".encode("utf-16"), "UTF-16"),
    ],
)
def test_bad_files(tmp_path, content, word):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(PageTextError) as caught:
        read_page_file(path)
    message = str(caught.value)
    assert word in message
    assert "\n" not in message


def test_gbk_file_is_named(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(REFERENCE.read_text(encoding="utf-8").encode("gbk", errors="replace"))
    with pytest.raises(PageTextError, match="GBK") as caught:
        read_page_file(path)
    assert "\n" not in str(caught.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(PageTextError, match="cannot read"):
        read_page_file(tmp_path / "nope.txt")
    with pytest.raises(PageTextError, match="cannot read"):
        read_page_file(tmp_path)


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + REFERENCE.read_bytes())
    assert read_page_file(path) == REFERENCE.read_text(encoding="utf-8")


# ---------------------------------------------------------------- properties

_ALPHABET = st.sampled_from(
    list("会议指出淄博记者讯日月本报新华社电公益广告摄通讯员奖金热线二维码天气预报风级转")
    + list("0123456789,，。！？?:;：；、“”()（）#~～- \u3000\n\n\n")
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(_ALPHABET, max_size=400))
def test_property_any_text_gives_a_valid_page(text):
    page = page_to_dict(parse_page(text))
    VALIDATOR.validate(page)
    source = "".join(text.split())
    for story in page["stories"]:
        for block in story["body"]:
            assert "".join(block["text"].split()) in source
