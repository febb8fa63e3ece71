"""chenbao.figures.extract: the figures a story prints, and what is not a figure."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from chenbao.figures.extract import extract, extract_page, prepare
from chenbao.figures.labelled import read_set, score_set

SEED = Path(__file__).resolve().parents[2] / "tests/fixtures/pages/reference-2022-12-02-A02.txt"
LABELLED = Path(__file__).parent / "labelled"


def one(text):
    figures = extract(text)
    assert len(figures) == 1, [f.text for f in figures]
    return figures[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("发放担保贷款11.06亿元。", 1106000000, "元", ""),
        ("全市城镇新增就业5.34万人。", 53400, "人", ""),
        ("更换中小学护眼灯教室超1万间。", 10000, "间", "超"),
        ("更换可调节桌椅近30万套。", 300000, "套", "近"),
        ("累计发放助学金130余万元。", 1300000, "元", "余"),
        ("新增住宅小区电动车充电插口7万余个。", 70000, "个", "余"),
        ("新建口袋公园十二处。", 12, "处", ""),
        ("吸纳两千余人就业。", 2000, "人", "余"),
        ("投资三点五亿元。", 350000000, "元", ""),
        ("覆盖率达百分之九十五。", 95, "%", "达"),
        ("配建率保持在100%。", 100, "%", ""),
        ("城市雨污管网195.3公里。", 195.3, "公里", ""),
        ("调水2431万立方米。", 24310000, "立方米", ""),
        ("诊疗服务2.85万人次。", 28500, "人次", ""),
        ("受益群众约5000人以上。", 5000, "人", "约"),
    ],
)
def test_values_units_qualifiers(text, value, unit, qualifier):
    figure = one(text)
    assert (figure.value, figure.unit, figure.qualifier) == (value, unit, qualifier)


def test_three_tenths_is_thirty_percent():
    figure = one("已有三成居民完成登记。")
    assert (figure.value, figure.unit, figure.text) == (30, "%", "三成")


def test_range_keeps_both_ends():
    figure = one("每户补贴3至5万元。")
    assert (figure.value, figure.upper, figure.unit) == (30000, 50000, "元")


@pytest.mark.parametrize(
    "text",
    [
        "淄博12月1日讯 12月1日,市委常委会召开会议。",
        "新闻热线 3585000,欢迎来电。",
        "咨询电话:0533-2187654。",
        "根据淄政办字〔2022〕45号文件。",
        "详见本报A02版。",
        "在山东省第二十五届运动会上表现出色。",
        "出台《行动方案(2022—2024年)》。",
        "推出“人才金政50条”。",
        "会议于8时30分开始。",
        "PM2.5浓度明显下降,5G基站覆盖城区。",
        "一村一策,千家万户受益,坚持“三个坚定不移”。",
        "2022年,市政府工作报告提出。",
        "前10个月,经济运行平稳。",
    ],
)
def test_not_figures(text):
    assert extract(text) == [], [f.text for f in extract(text)]


def test_a_column_break_does_not_split_a_figure():
    text = "集采药品销售药店超630\n\n家,门诊慢特病病种增加到52种。"
    figures = extract(text)
    assert [f.text for f in figures] == ["超630家", "52种"]
    assert figures[1].kind == "figure"  # 增加到: a level, not a change


def test_prepare_keeps_paragraphs_that_end():
    assert prepare("第一段。\n\n第二段") == "第一段。\n第二段"
    assert prepare("坚\n\n定信心。") == "坚定信心。"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("AED配置密度居全省首位。", "ranking"),
        ("总积分9911分,列全省第三位。", "ranking"),
        ("1—10月份全市优良天数同比增加11天。", "change"),
        ("9类困难群众救助标准增幅均超过10%。", "change"),
        ("力争到2024年,新增就业5万人。", "target"),
        ("全市计划年内完成改造500户。", "target"),
        ("列入年度省棚户区改造计划的2.23万套全部开工。", "figure"),
    ],
)
def test_kinds(text, kind):
    assert extract(text)[-1].kind == kind


def test_indicator_place_period():
    figure = one("今年,全市城镇新增就业5.34万人。")
    assert (figure.indicator, figure.place, figure.period) == ("城镇新增就业", "全市", "今年")
    figure = extract("1—10月份全市优良天数同比增加11天。")[0]
    assert figure.period == "1—10月份"
    figure = one("淄博12月1日讯 新建充电桩6400余个。")
    assert (figure.indicator, figure.place) == ("新建充电桩", "淄博")


def test_seed_page_figures():
    figures = extract_page(SEED.read_text("utf-8"))
    texts = [f["text"] for f in figures]
    for printed in (
        "超1万间",
        "近30万套",
        "3419家",
        "11.06亿元",
        "5.34万人",
        "42所",
        "超630家",
        "2100余次",
        "列全省第三位",
        "居全省首位",
        "11天",
    ):
        assert printed in texts
    assert "最低50元" not in texts  # the tip-line banner is page furniture, not a story
    assert all(f["headline"] for f in figures)


def test_labelled_set_floors():
    stories = read_set(LABELLED)
    score = score_set(stories)
    assert sum(len(s.gold) for s in stories) >= 200 and len(stories) >= 10
    for kind in ("figure", "target", "ranking", "change"):
        if score.gold_count(kind):
            assert score.precision(kind) >= 0.9, (kind, score.misses)
            assert score.recall(kind) >= 0.9, (kind, score.misses)
    assert score.values_right == score.matched, score.misses


def test_command_json(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("今年,全市城镇新增就业5.34万人。", "utf-8")
    out = StringIO()
    call_command("figures", "extract", str(path), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"figures"}
    figure = data["figures"][0]
    assert {
        k: figure[k]
        for k in ("text", "value", "unit", "qualifier", "indicator", "place", "period", "kind")
    } == {
        "text": "5.34万人",
        "value": 53400,
        "unit": "人",
        "qualifier": "",
        "indicator": "城镇新增就业",
        "place": "全市",
        "period": "今年",
        "kind": "figure",
    }


def test_command_refuses_bad_input(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("新增就业5万人".encode("gbk"))
    with pytest.raises(CommandError, match="不是 UTF-8"):
        call_command("figures", "extract", str(path), "--json", stdout=StringIO())
    with pytest.raises(CommandError, match="读不了文件"):
        call_command("figures", "extract", str(tmp_path / "missing.txt"), stdout=StringIO())


def test_paired_figures_are_read_alike():
    figures = extract("城乡居民人均可支配收入分别为38720元和19860元,分别增长5.1%和7.2%。")
    assert [f.kind for f in figures] == ["figure", "figure", "change", "change"]
    assert figures[1].indicator == "城乡居民人均可支配收入"


def test_compared_with_and_reported_after_a_plan():
    assert extract("增速高于全省0.4个百分点。")[0].kind == "change"
    figures = extract("今年计划实施重点项目500个以上,截至9月底已开工478个,开工率95.6%。")
    assert [f.kind for f in figures] == ["target", "figure", "figure"]
    assert figures[1].period == "截至9月底"


def test_lone_one_and_two():
    assert [f.text for f in extract("普及率比去年提高两个百分点,新建一百二十公里。")] == [
        "两个百分点",
        "一百二十公里",
    ]
    assert extract("坚持“两个维护”,建立一批项目,一个月内完成。") == []


def test_a_phrase_is_not_a_place():
    figure = extract("今年该区投入资金两千三百万元。")[0]
    assert figure.place == "" and figure.value == 23000000


@pytest.mark.parametrize(
    ("dateline", "place"),
    [
        ("淄博12月1日讯", "淄博"),
        ("本报淄博3月14日讯", "淄博"),
        ("新华社北京3月14日电", "北京"),
        ("本报3月14日讯", ""),  # the paper, not a place
        ("新华社3月14日电", ""),
    ],
)
def test_the_dateline_gives_the_place_and_a_source_is_not_one(dateline, place):
    assert one(f"{dateline} 今年以来，古商城接待游客突破100万人次。").place == place


@given(
    st.text(
        alphabet="0123456789.万亿千百十一二两三五点余多超近约个人元%％—~、，。“”《》第年月日",
        max_size=80,
    )
)
def test_never_fails_on_odd_text(text):
    for figure in extract(text):
        assert figure.kind in ("figure", "target", "ranking", "change")
        assert figure.text and figure.start < figure.end
        assert figure.value == figure.value  # not NaN


def test_large_input_is_read_in_time_order():
    text = "全市新增就业5.34万人。" * 2000
    figures = extract(text)
    assert len(figures) == 2000 and figures[-1].start > figures[0].start


def test_fractions_times_and_deviations():
    figure = one("居民用电约占三分之一。")
    assert (figure.text, figure.value, figure.unit) == ("三分之一", 33.33, "%")
    assert one("旅游收入增长一倍。").unit == "倍"
    assert one("平均气温较常年偏高1.2℃。").kind == "change"


def test_place_after_a_preposition_and_what_a_ranking_ranks():
    figure = one("为全市3.3万台电梯投保安全责任险。")
    assert (figure.place, figure.indicator) == ("全市", "电梯投保安全责任险")
    ranking = extract("淄博体育健儿总积分9911分,列全省第三位。")[-1]
    assert (ranking.kind, ranking.value, ranking.indicator) == ("ranking", 3, "淄博体育健儿总积分")


@pytest.mark.parametrize(
    "text",
    [
        "市委十分重视这项工作,万分感谢。",
        "数十个村庄受益,几十家企业参与。",
        "地铁1号线、3号楼、105国道。",
    ],
)
def test_words_that_look_like_counts(text):
    assert extract(text) == [], [f.text for f in extract(text)]
