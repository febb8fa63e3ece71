"""Render a 16-page edition with Typst and with WeasyPrint from the same page model.

Prints, in one run: Typst PDF only (the same output WeasyPrint makes) and PDF + PNG, each
serial and on several threads (Typst releases the GIL); WeasyPrint PDF, serial and on as
many processes (it holds the GIL); the ratios like for like; and the time to re-render one
page after an edit.
Run: .venv/bin/python bench/bench_render.py [--repeat 3] [--workers 2]   (no database needed)
"""

import argparse
import base64
import html
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chenbao.editions.engine import TypstEngine  # noqa: E402
from chenbao.editions.layout.arrange import arrange_page, weather_day  # noqa: E402
from chenbao.editions.layout.board import PREVIEW_PPI, rect_from_box  # noqa: E402
from chenbao.editions.layout.model import (  # noqa: E402
    AdContent,
    Block,
    Folio,
    Page,
    StoryContent,
    TiplineContent,
    WeatherContent,
)
from chenbao.editions.pool import RenderFailed, RenderPool, render_pages  # noqa: E402

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


def edition(seed: int = 7) -> list[Page]:
    rng = random.Random(seed)
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


_seeds = iter(range(1000, 10**6))


def fresh() -> list[Page]:
    """An edition of the same make-up with text not rendered before in this run.

    Typst keeps laid-out paragraphs in memory: repeating the same pages would time its
    cache, not its layout.
    """
    return edition(next(_seeds))


def best(fn, repeat: int) -> tuple[float, float, object]:
    """Run `fn(pages)` on a fresh edition `repeat` times; the least wall seconds wins.

    Returns (wall seconds, CPU seconds of this process, result) of the fastest run.
    """
    runs = []
    for _ in range(repeat):
        pages = fresh()
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn(pages)
        runs.append((time.perf_counter() - wall, time.process_time() - cpu, result))
    return min(runs, key=lambda r: r[0])


def edit_one_page(engine: TypstEngine, pages: list[Page]) -> Page:
    """Render page 5 as it was, then return it with its lead's first paragraph edited."""
    page = pages[4]
    engine.render(page)
    lead = page.slots[0]
    changed = replace(
        lead.story, blocks=(Block("paragraph", "编辑改过的导语。"), *lead.story.blocks[1:])
    )
    return page.with_slot(replace(lead, story=changed))


def board_page(engine: TypstEngine, page: Page) -> Page:
    """`page` as the page board holds it: every slot at the place it landed, no `after`."""
    rendered = engine.render(page, pdf=False)
    placed = []
    for box in rendered.boxes:
        rect = rect_from_box(box.key, page.grid, x=box.x, y=box.y, w=box.w, h=box.h)
        slot = page.slot(box.key)
        placed.append(
            replace(
                slot,
                col=rect.column - 1,
                span=rect.span,
                top=rect.top,
                height=rect.height,
                after=(),
                gap=0.0,
                bottom=0.0,
            )
        )
    return replace(page, slots=tuple(placed))


def board_reflow(root: Path, repeat: int) -> list[float]:
    """Seconds from a drop on the page board to the new page image, engine side: the page
    re-set with one story slot moved down 10 mm and made a column narrower, the PNG at the
    board's resolution, encoded for the browser (no PDF). Fresh text each time."""
    engine = TypstEngine(root=root, ppi=PREVIEW_PPI)
    times = []
    for _ in range(repeat):
        page = board_page(engine, fresh()[4])
        story = next(s for s in page.slots if s.kind == "story" and s.span > 1)
        moved = page.with_slot(replace(story, top=story.top + 10, span=story.span - 1))
        start = time.perf_counter()
        rendered = engine.render(moved, pdf=False)
        base64.b64encode(rendered.png)
        times.append(time.perf_counter() - start)
    return times


def typst_serial(engine: TypstEngine, pages: list[Page], png: bool):
    return [engine.render(page, png=png) for page in pages]


def typst_parallel(root: Path, pages: list[Page], png: bool, workers: int):
    # A new pool each time, as `chenbao render` starts one: its start is counted.
    with RenderPool(root=root, ppi=150, workers=workers) as pool:
        return pool.render(pages, png=png)


def weasy_pdf(source: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=source).write_pdf()


def weasy_parallel(pages: list[Page], workers: int, pool=None) -> list[bytes]:
    # Each process lays out its share of the pages as one document, as Typst does per page.
    shares = [weasy_html(pages[i::workers]) for i in range(workers)]
    if pool is not None:
        return list(pool.map(weasy_pdf, shares))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(weasy_pdf, shares))


def typst_cold(workers: int) -> float:
    """Seconds for a new Python process to render a fresh edition's PDFs on `workers` threads.

    Everything a `chenbao render` run pays is counted: the interpreter, imports, the font
    search and the first load of the CJK fonts.
    """
    start = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--cold-run", str(workers)], check=True)
    return time.perf_counter() - start


def cold_run(workers: int) -> None:
    with tempfile.TemporaryDirectory() as root:
        rendered = render_pages(edition(os.getpid()), root=Path(root), png=False, workers=workers)
    assert not any(isinstance(r, RenderFailed) for r in rendered)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest counts")
    parser.add_argument("--workers", type=int, default=2, help="processes for the parallel runs")
    parser.add_argument("--no-weasyprint", action="store_true")
    parser.add_argument("--cold-run", type=int, help=argparse.SUPPRESS)  # see typst_cold
    args = parser.parse_args()
    if args.cold_run:
        return cold_run(args.cold_run)
    repeat, workers = args.repeat, args.workers
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} "
        f"(shared machine: figures are the fastest of {repeat} runs; cpu = this process)"
    )
    figures = {}
    with tempfile.TemporaryDirectory() as root:
        engine = TypstEngine(root=Path(root), ppi=150)
        engine.render(edition()[0])  # fonts loaded, as in a running service
        for png in (False, True):
            what = "PDF + PNG 150 ppi" if png else "PDF only"
            engine.measures = 0
            wall, cpu, rendered = best(
                lambda pages, png=png: typst_serial(engine, pages, png), repeat
            )
            figures["serial", png] = wall
            problems = sum(len(r.problems) for r in rendered)
            print(
                f"typst       {PAGES} pages, {what:18s} serial:      {wall:5.2f} s "
                f"(cpu {cpu:.2f} s; {engine.measures / repeat / PAGES:.2f} layouts/page; "
                f"problems {problems})"
            )
            wall, cpu, rendered = best(
                lambda pages, png=png: typst_parallel(Path(root), pages, png, workers), repeat
            )
            figures["parallel", png] = wall
            failed = sum(isinstance(r, RenderFailed) for r in rendered)
            print(
                f"typst       {PAGES} pages, {what:18s} {workers} threads:   {wall:5.2f} s "
                f"(cpu {cpu:.2f} s; pool started for the run; failed {failed})"
            )

        one_page = []
        for _ in range(repeat):
            edited = edit_one_page(engine, fresh())
            start = time.perf_counter()
            engine.render(edited)
            one_page.append(time.perf_counter() - start)
        one_page_s = min(one_page)
    print(f"typst       one page re-rendered after an edit (PDF + PNG):    {one_page_s:5.3f} s")
    with tempfile.TemporaryDirectory() as root:
        reflow = sorted(board_reflow(Path(root), max(repeat, 5)))
    print(
        f"page board  one page re-flowed after a drop (PNG {PREVIEW_PPI} ppi):    "
        f"{reflow[0]:5.3f} s (median {reflow[len(reflow) // 2]:.3f} s of {len(reflow)}; "
        "target 0.5 s; the view adds its database reads, see docs/decisions/0023)"
    )
    figures["cold"] = min(typst_cold(workers) for _ in range(repeat))
    print(
        f"typst       {PAGES} pages, PDF only           {workers} threads:   "
        f"{figures['cold']:5.2f} s (in a new Python process: start, imports and fonts counted)"
    )

    if args.no_weasyprint:
        return
    try:
        import weasyprint
    except ImportError:
        print("weasyprint: not installed (pip install -e '.[dev]'), no comparison")
        return
    wall, cpu, pdf = best(lambda pages: weasy_pdf(weasy_html(pages)), repeat)
    figures["weasy serial"] = wall
    print(
        f"weasyprint  {PAGES} pages, PDF only           serial:      {wall:5.2f} s "
        f"(cpu {cpu:.2f} s; {weasyprint.__version__}, {len(pdf) // 1024} KB)"
    )
    wall, _, _ = best(lambda pages: weasy_parallel(pages, workers), repeat)
    figures["weasy parallel"] = wall
    print(
        f"weasyprint  {PAGES} pages, PDF only           {workers} processes: {wall:5.2f} s "
        "(processes started for the run)"
    )
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        weasy_parallel(edition(), workers, pool)  # every process warm
        wall, _, _ = best(lambda pages: weasy_parallel(pages, workers, pool), repeat)
    figures["weasy warm"] = wall
    print(
        f"weasyprint  {PAGES} pages, PDF only           {workers} processes: {wall:5.2f} s "
        "(processes already running and warm)"
    )
    ws, wp, ww = figures["weasy serial"], figures["weasy parallel"], figures["weasy warm"]
    tc = figures["cold"]
    print("ratio weasyprint / typst, like for like (PDF only):")
    print(f"  one core each, warm:                      {ws / figures['serial', False]:5.1f}x")
    print(
        f"  {workers} cores each, warm ({workers} processes / {workers} threads):  "
        f"{ww / figures['parallel', False]:5.1f}x"
    )
    print(f"  {workers} cores each, new processes:             {wp / tc:5.1f}x")
    print("ratio weasyprint PDF / typst PDF + PNG:")
    print(f"  one core each, warm:                      {ws / figures['serial', True]:5.1f}x")
    print(
        f"  {workers} cores each, warm:                     {ww / figures['parallel', True]:5.1f}x"
    )


if __name__ == "__main__":
    main()
