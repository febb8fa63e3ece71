"""The embedded engine on its own (no database): Chinese rules, filters, ranking."""

import datetime as dt
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chenbao.archive.search.engine import SCHEMA_VERSION, SEAM, Engine, Filters, SearchDoc
from chenbao.archive.search.tokens import framed_units, grams, index_text


def doc(i, head, body, day=(2022, 12, 1), **kw):
    return SearchDoc(id=i, head=head, body=body, day=dt.date(*day), **kw)


@pytest.fixture
def engine(tmp_path):
    e = Engine(tmp_path / "index")
    e.update(
        [
            doc(
                1,
                "城市书房今起开放",
                "淄博12月1日讯 全市新建城市书房28处，配备AED除颤仪。",
                sections=("要闻",),
                page="A02",
                bylines=("王伟",),
                kind="printed",
            ),
            doc(
                2,
                "书城市场迎来客流",
                "本报讯 书城。城市的夜晚灯火通明，燃气管网改造完成。",
                day=(2021, 5, 3),
                sections=("民生",),
                page="A03",
                bylines=("李娜",),
                kind="printed",
            ),
            doc(
                3,
                "淄博植树",
                "今春植树造林三万亩，燃气管道巡查同步进行。",
                day=(2023, 3, 12),
                kind="web",
            ),
            doc(4, "撤下的稿件", "淄博城市书房的错误报道。", public=False),
        ]
    )
    return e


def ids(engine, query, **filters):
    return engine.search(query, Filters(**filters)).ids


def test_two_character_queries_and_longer(engine):
    assert ids(engine, "淄博") == [3, 1]  # headline first; withdrawn story 4 never
    assert ids(engine, "植树") == [3]
    assert ids(engine, "燃气管网") == [2]
    assert ids(engine, "管网") == [2]  # a word segmenter would miss this one


def test_characters_must_match_in_order(engine):
    assert ids(engine, "书城市") == [2]  # from 书城市场 in the headline, not from 城市书房
    assert 1 not in ids(engine, "书城市")
    assert ids(engine, "房书城") == []


def test_no_phrase_across_punctuation(engine):
    # "书城。城市" in story 2's body: 书城市 must not be found there alone
    e = Engine(engine.path.parent / "other")
    e.update([doc(9, "无关", "书城。城市的夜晚")])
    assert ids(e, "书城市") == []
    assert ids(e, "书城 城市") == [9]


def test_several_words_mean_and_and_quotes_make_a_phrase(engine):
    assert ids(engine, "燃气 植树") == [3]
    assert ids(engine, "燃气 书房") == []
    assert ids(engine, "“城市书房”") == [1]
    assert ids(engine, '"书房 城市"') == []  # a quoted phrase, not two words
    assert ids(engine, "书房 城市") == [1]
    assert ids(engine, '"书城 城市"') == [2]  # "书城。城市": one break stands for any punctuation


def test_latin_digits_and_full_width(engine):
    assert ids(engine, "AED") == [1] == ids(engine, "ａｅｄ") == ids(engine, "aed除颤仪")
    assert ids(engine, "28处") == [1]
    assert ids(engine, "28") == [1]


def test_filters(engine):
    assert ids(engine, "燃气", date_from=dt.date(2022, 1, 1)) == [3]
    assert ids(engine, "燃气", date_to=dt.date(2022, 1, 1)) == [2]
    assert ids(engine, "城市", section="民生") == [2]
    assert ids(engine, "城市", page="a02") == [1]
    assert ids(engine, "城市", byline="王伟") == [1]
    assert ids(engine, "燃气", kind="web") == [3]
    assert set(ids(engine, "淄博", public_only=False)) == {1, 3, 4}


def test_headline_outranks_body_and_recency_breaks_ties(tmp_path):
    e = Engine(tmp_path / "rank")
    body = "今年的供暖季提前开始。"
    e.update(
        [
            doc(1, "一条新闻", "供暖" + body, day=(2020, 1, 1)),
            doc(2, "供暖提前", body, day=(2019, 1, 1)),
            doc(3, "一条新闻", "供暖" + body, day=(2022, 1, 1)),
        ]
    )
    assert ids(e, "供暖") == [2, 3, 1]


def test_updates_replace_and_deletes_remove(engine):
    engine.update([doc(3, "淄博植树", "改写后的正文，没有那个词。")])
    assert ids(engine, "燃气管道") == []
    engine.update([], delete_ids=[3])
    assert ids(engine, "植树") == []
    assert engine.count() == 3


def test_related_finds_the_story_on_the_same_subject(tmp_path):
    e = Engine(tmp_path / "mlt")
    filler = [doc(i, f"其他消息{i}", "市场价格平稳，蔬菜供应充足。" * 3) for i in range(10, 40)]
    e.update(
        [
            *filler,
            doc(1, "城市书房延长开放时间", "全市城市书房冬季延长开放，读者可凭借阅证入馆。"),
            doc(2, "新建城市书房28处", "城市书房建设纳入民生实事，借阅证全市通用。"),
        ]
    )
    related = e.related(
        doc(1, "城市书房延长开放时间", "全市城市书房冬季延长开放，读者可凭借阅证入馆。")
    )
    assert related[0] == 2 and 1 not in related


CJK = st.text(
    alphabet=st.sampled_from(list("淄博城市书房燃气管网植树民生")), min_size=2, max_size=40
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=CJK, data=st.data())
def test_a_query_is_found_exactly_when_it_is_a_substring(tmp_path_factory, text, data):
    """Against a brute-force substring scan: every substring of 2+ characters is found, and a
    string that is not a substring is not (bigram phrases are exact on unbroken text)."""
    folder = tmp_path_factory.mktemp("prop")
    e = Engine(folder)
    e.update([doc(1, "标题", text)])
    query = data.draw(CJK)
    assert (ids(e, query) == [1]) == (query in text)
    split = Engine(folder, threads=2, split_from=1)  # the same folder, every query split
    assert ids(split, query) == ids(e, query)
    # the same with the query's and the story's grams kept (of four units; of six too, or
    # not): looked up whole, as exactly
    long = data.draw(st.booleans())
    grammed = Engine(tmp_path_factory.mktemp("grams"))
    grammed.keep_grams(
        g
        for framed in (framed_units(text), framed_units(query))
        for n in ((4, 6) if long else (4,))
        for g in grams(framed, n)
    )
    grammed.update([doc(1, "标题", text)])
    assert ids(grammed, query) == ids(e, query)
    (plan,) = grammed.plans(query).values()
    assert plan.gram == (6 if long and len(query) >= 6 else 4 if len(query) >= 4 else 0)


def test_a_headline_alone_is_found_but_no_phrase_runs_into_the_body(tmp_path):
    e = Engine(tmp_path / "seam")
    e.update([doc(1, "城市书房AED", "开放时间延长。"), doc(2, "其他", "书房开放时间。")])
    assert ids(e, "城市书房") == [1]  # in the headline only
    assert ids(e, "aed") == [1]
    assert ids(e, "书房开放") == [2]  # not the headline's end run into the body's start
    assert ids(e, "aed开放") == []
    assert SEAM not in index_text(f"甲{SEAM}乙").split()  # no text can make the seam's term


def test_no_phrase_of_grams_runs_from_the_headline_into_the_body(tmp_path):
    e = Engine(tmp_path / "seam")
    e.keep_grams(["城市书房", "开放时间"])
    e.update([doc(1, "城市书房", "甲开放时间。"), doc(2, "", "城市书房开放时间。")])
    assert [p.grams for p in e.plans("城市书房开放时间").values()] == [True]
    assert ids(e, "城市书房开放时间") == [2]  # 城市书房 @0 and 开放时间 @4 in the body only
    assert ids(e, "城市书房") == [1, 2]  # the headline first
    # and of six units, a gram holding a break: 城市书房开放 @0, |图书借阅时 @6 (the head's
    # last-but-one gram and the body's first) would meet across the seam with four fillers
    e = Engine(tmp_path / "seam6")
    e.keep_grams(["城市书房开放", "|图书借阅时", "图书借阅时间"])
    e.update([doc(3, "城市书房开放", "图书借阅时间。"), doc(4, "", "城市书房开放，图书借阅时间")])
    query = "“城市书房开放，图书借阅时间”"
    (plan,) = e.plans(query).values()
    assert plan.terms == [(0, "城市书房开放"), (6, "|图书借阅时"), (7, "图书借阅时间")]
    assert ids(e, query) == [4]


@pytest.mark.parametrize("kept", [False, True], ids=["pairs", "grams"])
def test_a_split_query_answers_as_the_whole_index_does(tmp_path, kept):
    """A costly query is searched in lanes of ids on two threads: the hits, their order,
    their scores and the total are those of one search over everything (with its phrases
    as pairs, or as the whole grams the index keeps)."""
    rng = random.Random(7)
    words = ["民生建设", "城市书房", "燃气管网", "供暖", "植树", "老旧小区改造", "，", "。"]
    docs = [
        doc(
            i * 997,  # ids spread over many runs of LANE_RUN: both lanes hold stories
            "".join(rng.choices(words, k=2)),
            "".join(rng.choices(words, k=rng.randint(3, 30))),
            day=(rng.randint(1995, 2025), rng.randint(1, 12), rng.randint(1, 28)),
            sections=(rng.choice(["要闻", "民生"]),),
            public=rng.random() > 0.1,
        )
        for i in range(1, 400)
    ]
    whole = Engine(tmp_path / "split", threads=1)
    if kept:
        whole.keep_grams(["民生建设", "老旧小区", "小区改造", "城市书房"])
    whole.update(docs)
    assert all(p.grams == kept for p in whole.plans("民生建设 老旧小区改造").values())
    split = Engine(tmp_path / "split", threads=2, split_from=1)
    for query, filters, offset in [
        ("民生建设", Filters(), 0),
        ("民生建设", Filters(), 20),
        ("老旧小区改造 供暖", Filters(), 0),
        ("“书房，燃气”", Filters(public_only=False), 0),
        ("城市书房", Filters(section="民生", date_from=dt.date(2005, 1, 1)), 0),
    ]:
        one = whole.search(query, filters, offset=offset)
        two = split.search(query, filters, offset=offset)
        assert one.total > 20 or offset == 0
        assert (two.total, two.ids, two.scores) == (one.total, one.ids, one.scores), query
    assert split._pool is not None and whole._pool is None  # the split ran, on threads
    assert whole.search("植树").total == split.search("植树").total  # a term: not split


def test_a_phrase_is_pinned_by_every_other_term_and_its_last():
    from chenbao.archive.search.engine import spanning_terms

    assert spanning_terms(("老旧", "旧小", "小区", "区改", "改造")) == [
        (0, "老旧"),
        (2, "小区"),
        (4, "改造"),
    ]
    assert spanning_terms(("民生", "生建", "建设")) == [(0, "民生"), (2, "建设")]
    assert spanning_terms(("书城", "城市")) == [(0, "书城"), (1, "城市")]


def test_a_rare_pair_joins_the_pinned_ones_when_it_makes_the_check_cheaper():
    from chenbao.archive.search.engine import spanning_terms

    common = {"建设": 900_000, "设民": 300, "民生": 700_000}.__getitem__
    assert spanning_terms(("建设", "设民", "民生"), common) == [
        (0, "建设"),
        (1, "设民"),
        (2, "民生"),
    ]
    alike = {"民生": 700_000, "生建": 550_000, "建设": 900_000}.__getitem__
    assert spanning_terms(("民生", "生建", "建设"), alike) == [(0, "民生"), (2, "建设")]
    assert spanning_terms(("书城", "城市"), common) == [(0, "书城"), (1, "城市")]


def test_an_index_of_an_older_layout_is_emptied_and_says_to_reindex(tmp_path, caplog):
    e = Engine(tmp_path / "old")
    e.update([doc(1, "淄博植树", "今春植树。")])
    (tmp_path / "old" / "chenbao-schema").write_text("0")  # as an older version left it
    reopened = Engine(tmp_path / "old")
    assert reopened.count() == 0
    assert f"search index layout changed (0 -> {SCHEMA_VERSION})" in caplog.text
    assert "search-reindex" in caplog.text
    reopened.update([doc(1, "淄博植树", "今春植树。")])  # and it works in the new layout
    assert ids(reopened, "植树") == [1]


def test_common_phrases_are_whole_grams_only_when_every_story_has_them(tmp_path):
    """A rebuild counts the archive's common grams on a sample and writes every story with
    them; a search looks them up whole only while every story in the index was written with
    that list, and otherwise reads the pairs: the answers are the same either way."""
    rng = random.Random(11)
    words = ["民生建设", "城市书房", "老旧小区改造", "供暖", "，", "。"]
    docs = [
        doc(i, "".join(rng.choices(words, k=2)), "".join(rng.choices(words, k=12)))
        for i in range(1, 120)
    ]
    pairs = Engine(tmp_path / "pairs")
    pairs.update(docs)
    e = Engine(tmp_path / "grams")
    e.update(docs)
    queries = ["民生建设", "老旧小区改造 供暖", "“书房。供暖”", "书房小区", "房民生建"]

    def same_answers():
        for query in queries:
            one, two = pairs.search(query, limit=200), e.search(query, limit=200)
            assert (two.total, set(two.ids)) == (one.total, set(one.ids)), query

    def kinds(query):
        return [p.grams for p in e.plans(query).values()]

    assert e.grams().version == "-" and kinds("民生建设") == [False]  # none kept yet
    writer = e.rebuilder(sample=docs[:40])
    e.write(writer, docs, replace=False)
    assert "民生建设" in e.grams().kept and "老旧小区改造" in e.grams().long
    assert "市书房|" in e.grams().kept  # a gram may hold a break: 城市书房 then 。
    assert kinds("民生建设") == [False]  # not committed: readers see the old stories
    writer.commit()
    writer.wait_merging_threads()
    del writer
    assert kinds("民生建设") == [True]
    assert kinds("老旧小区改造 供暖") == [True, False]  # two characters: a pair is a term
    (plan,) = e.plans("老旧小区改造").values()
    assert plan.terms == [(0, "老旧小区改造")]  # one gram of six units
    (plan,) = e.plans("“书房。供暖”").values()  # five units, a break inside: grams of four
    assert (plan.gram, plan.terms) == (4, [(0, "书房|供"), (1, "房|供暖")])
    assert kinds("书房小区") == [False]  # a gram no story holds: pairs
    same_answers()
    assert e.search("民生建设").ids[0] in {d.id for d in docs if "民生建设" in d.head}

    e.keep_grams(["民生建设"])  # another list: the stories written before do not have it
    e.update([doc(500, "民生建设", "民生建设。")])
    pairs.update([doc(500, "民生建设", "民生建设。")])
    assert kinds("民生建设") == [False]
    same_answers()
    e.write(writer := e.rebuilder(), docs, replace=False)  # a rebuild with no sample
    writer.commit()
    del writer
    assert e.grams().version == "-" and kinds("民生建设") == [False]


@pytest.mark.parametrize(
    "damage", ["{not json", '{"grams": 7}', "", '["民生建设"]', '{"grams": [], "counted": "9"}']
)
def test_a_damaged_list_of_grams_is_logged_and_the_pairs_answer(tmp_path, caplog, damage):
    """A list of grams an operator edited by hand, or a disk that filled while it was
    written: searches and writes go on without grams (the same answers), and the log says
    to rebuild."""
    e = Engine(tmp_path / "damaged")
    e.keep_grams(["民生建设"])
    e.update([doc(1, "民生建设", "老旧小区改造。")])
    (tmp_path / "damaged" / "chenbao-grams").write_text(damage, encoding="utf-8")
    reopened = Engine(tmp_path / "damaged")
    assert ids(reopened, "民生建设") == [1]
    assert [p.grams for p in reopened.plans("民生建设").values()] == [False]
    assert "chenbao search-reindex" in caplog.text
    reopened.update([doc(2, "民生建设", "")])  # written without grams: still found
    assert sorted(ids(reopened, "民生建设")) == [1, 2]
