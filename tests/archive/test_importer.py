"""Storing a parsed page into an edition (archive.importer.page_import)."""

import datetime as dt

from chenbao.ads.models import AdKind, AdPlacement
from chenbao.archive.importer import page_import
from chenbao.archive.pagetext import parse_page
from chenbao.core.models import AuditEntry
from chenbao.editions.models import Edition, PrintedPage, StoryPlacement
from chenbao.stories.models import Contributor, StoryByline, StoryPage
from chenbao.weather.models import PrintedForecastDay


def test_reference_page_is_stored_whole(reference_page):
    page = PrintedPage.objects.get(pk=reference_page.pk)
    assert str(page.edition.date) == "2022-12-02"
    assert page.number == "A02"
    assert page.tipline_hotline == "3585000"
    assert (page.tipline_reward_min, page.tipline_reward_max) == (50, 1000)
    assert "手机扫一扫 边聊边爆料" in page.tipline_line_list
    assert page.tipline_qr_url.endswith("/baoliao/")

    days = list(page.forecast_days.all())
    assert [d.text for d in days] == [
        "2日,多云,南风2~3级增强至3~4级,-6~5℃",
        "3日,阴,南风2~3级转北风3~4级,-4~3℃",
        "4日,阴,北风转东南风2~3级,-5~3℃",
    ]
    assert [d.date for d in days] == [dt.date(2022, 12, d) for d in (2, 3, 4)]
    assert days[0].wind == [
        {"direction": "南风", "force": [2, 3]},
        {"direction": "南风", "force": [3, 4]},
    ]

    stories = [p.story for p in page.story_placements.select_related("story")]
    assert [s.title for s in stories] == ["淄博市委常委会召开会议", "民生建设进展如何?"]
    assert all(s.live for s in stories)
    first, second = stories
    assert first.subtitle == "研究疫情防控、抓党建促乡村振兴等事项"
    assert first.dateline == "淄博12月1日讯"
    assert [(b.role, b.contributor.name, b.organisation) for b in first.bylines.all()] == [
        ("记者", "任灵芝", "大众日报淄博融媒体中心"),
        ("特约记者", "姜东林", "大众日报淄博融媒体中心"),
        ("特约记者", "梁昊", "大众日报淄博融媒体中心"),
        ("特约记者", "张晓军", "大众日报淄博融媒体中心"),
    ]
    assert second.kicker.startswith("“深化民生赋能")
    assert [b.value for b in second.body if b.block_type == "subhead"][:2] == [
        "加速推进教育均衡发展",
        "有效激发就业创业活力",
    ]
    assert len([b for b in second.body if b.block_type == "subhead"]) == 7

    ad = page.ad_placements.get()
    assert ad.kind == AdKind.PUBLIC_SERVICE
    assert "一盔一带 安全常在" in ad.lines
    assert AuditEntry.objects.filter(action="page.import", object_id=str(page.pk)).exists()


def test_reimport_replaces_and_never_duplicates(reference_page, reference_text):
    urls = sorted(p.story.url for p in reference_page.story_placements.all())
    again = page_import(
        page=parse_page(reference_text), date=dt.date(2022, 12, 2), number="a02", name="要闻"
    )
    assert again.pk == reference_page.pk
    assert Edition.objects.count() == 1
    assert PrintedPage.objects.count() == 1
    assert StoryPage.objects.count() == 2
    assert StoryPlacement.objects.count() == 2
    assert PrintedForecastDay.objects.count() == 3
    assert AdPlacement.objects.count() == 1
    assert StoryByline.objects.count() == 6
    assert Contributor.objects.count() == 6
    assert sorted(p.story.url for p in again.story_placements.all()) == urls


def test_reimport_with_fewer_stories_removes_the_stale_one(reference_page, reference_text):
    shorter = reference_text.split("## “深化民生赋能")[0]
    page_import(page=parse_page(shorter), date=dt.date(2022, 12, 2), number="A02")
    assert list(StoryPage.objects.values_list("title", flat=True)) == ["淄博市委常委会召开会议"]


def test_unplaced_text_is_kept_on_the_page(db):
    text = "这是一行无法归类的文字\n\n# 标题\n\n本报讯 正文一句。\n"
    page = parse_page(text)
    printed = page_import(page=page, date=dt.date(2023, 1, 5), number="A03")
    assert printed.unplaced_text == "\n".join(page.unplaced)
    assert "这是一行无法归类的文字" in printed.unplaced_text
