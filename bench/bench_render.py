"""Render a 16-page edition with Typst and with WeasyPrint from the same page model.

Prints seconds for each, their ratio, and the time to re-render one page after an edit.
Run: .venv/bin/python bench/bench_render.py   (no database needed)
"""

import html
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chenbao.editions.layout.arrange import arrange_page, weather_day  # noqa: E402
from chenbao.editions.layout.model import (  # noqa: E402
    AdContent,
    Block,
    Folio,
    Page,
    StoryContent,
    TiplineContent,
    WeatherContent,
)
from chenbao.render.engine import TypstEngine  # noqa: E402

SENTENCES = [
    "市民服务中心今天正式启用，窗口从原来的二十个增加到六十个。",
    "据介绍，新中心集中了公安、社保、医保、不动产登记等三十多个部门的业务。",
    "记者在现场看到，前来办事的群众有序排队，“一窗受理”让大家少跑了不少路。",
    "今年以来，全市新增城镇就业5.34万人，完成年度目标的112%。",
    "该项目总投资约11.06亿元，预计明年6月建成投用——届时将新增停车位1200个。",
    "截至11月底，全市累计改造老旧小区46个，惠及居民1.3万户……",
]
PAGES = 16


def story(rng: random.Random, n: int, paragraphs: int) -> StoryContent:
    blocks = []
    for p in range(paragraphs):
        if p and p % 4 == 0:
            blocks.append(Block("subhead", "工作稳步推进"))
        text = "".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 5)))
        blocks.append(Block("paragraph", text))
    return StoryContent(
        f"story-{n}",
        f"我市第{n}项民生工程顺利推进",
        subtitle="各部门协同发力 群众满意度持续提升",
        dateline="淄博12月1日讯",
        blocks=tuple(blocks),
        bylines="本报记者 王晓明 通讯员 李华",
        url=f"https://example.org/story/{n}/",
    )


def edition() -> list[Page]:
    rng = random.Random(7)
    weather = WeatherContent("天气预报", (weather_day("2日,多云,南风2~3级增强至3~4级,-6~5℃"),))
    tipline = TiplineContent("3585000", ("新闻热线 3585000", "手机扫一扫 边聊边爆料"))
    ad = AdContent("ad", ("一盔一带 安全常在", "遵守交通 安全行驶"), "公益广告", True)
    pages = []
    for p in range(1, PAGES + 1):
        stories = [story(rng, p * 10 + s, 6 if s == 0 else 3) for s in range(3)]
        pages.append(
            arrange_page(
                key=f"A{p:02d}",
                folio=Folio("鲁中晨报", "2022年12月2日", "星期五", f"A{p:02d}", "要闻"),
                stories=stories,
                weather=weather if p == 1 else None,
                tipline=tipline if p == 1 else None,
                ads=[(ad, 6, 60.0)],
            )
        )
    return pages


def weasy_html(pages: list[Page]) -> str:
    """The same page model as HTML/CSS: absolutely placed slots, bodies in column-count."""
    out = [
        "<html><head><style>@page { size: A3; margin: 0 }",
        "body { margin: 0; font-family: 'Noto Serif CJK SC'; font-size: 9.6pt; line-height: 1.48 }",
        ".page { position: relative; width: 297mm; height: 420mm; page-break-after: always }",
        ".slot { position: absolute } p { margin: 0; text-indent: 2em; text-align: justify }",
        "h1 { font-family: 'Noto Sans CJK SC'; text-align: center; margin: 0 }",
        "h3 { font-family: 'Noto Sans CJK SC'; border: 0.6pt solid; text-align: center;"
        " font-size: 9.8pt; margin: 4pt 0 }",
        ".body { column-gap: 4mm; column-fill: balance }</style></head><body>",
    ]
    for page in pages:
        g = page.grid
        out.append('<div class="page">')
        y = g.margin_top + g.folio_height
        for slot in page.slots:
            left = g.margin_left + g.column_x(slot.col)
            width = g.span_width(slot.span)
            style = f"left:{left}mm;top:{y + slot.top}mm;width:{width}mm"
            if slot.story:
                s = slot.story
                body = "".join(
                    f"<h3>{html.escape(b.text)}</h3>"
                    if b.kind == "subhead"
                    else f"<p>{html.escape(b.text)}</p>"
                    for b in s.blocks
                )
                out.append(
                    f'<div class="slot" style="{style}"><h1 style="font-size:{slot.headline_size}pt">'
                    f"{html.escape(s.headline)}</h1>"
                    f'<div class="body" style="column-count:{slot.body_columns}">{body}</div></div>'
                )
            elif slot.ad:
                out.append(f'<div class="slot" style="{style}">{"<br>".join(slot.ad.lines)}</div>')
        out.append("</div>")
    out.append("</body></html>")
    return "".join(out)


def main() -> None:
    pages = edition()
    with tempfile.TemporaryDirectory() as root:
        engine = TypstEngine(root=Path(root), ppi=150)
        start = time.perf_counter()
        rendered = [engine.render(page) for page in pages]
        typst_s = time.perf_counter() - start
        problems = sum(len(r.problems) for r in rendered)

        edited = pages[4]
        lead = edited.slots[0]
        changed_story = replace(
            lead.story, blocks=(Block("paragraph", "编辑改过的导语。"), *lead.story.blocks[1:])
        )
        edited = edited.with_slot(replace(lead, story=changed_story))
        start = time.perf_counter()
        engine.render(edited)
        one_page_s = time.perf_counter() - start

    print(f"typst:      {PAGES} pages (PDF + PNG at 150 ppi, balanced columns): {typst_s:.2f} s")
    print(f"typst:      one page re-rendered after an edit: {one_page_s:.3f} s")
    print(f"typst:      problems reported: {problems}")
    try:
        import weasyprint
    except ImportError:
        print("weasyprint: not installed (pip install -e '.[dev]'), no comparison")
        return
    source = weasy_html(pages)
    start = time.perf_counter()
    weasyprint.HTML(string=source).write_pdf()
    weasy_s = time.perf_counter() - start
    print(f"weasyprint: {PAGES} pages (PDF only, column-count): {weasy_s:.2f} s")
    print(f"ratio:      weasyprint / typst = {weasy_s / typst_s:.1f}x")


if __name__ == "__main__":
    main()
