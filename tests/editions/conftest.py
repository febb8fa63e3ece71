"""Fixtures for rendering: a published edition, PDF text read back per column, generated pages."""

import datetime as dt
import io
import json
import random
from pathlib import Path

import pytest

from chenbao.editions.layout.model import Block, Folio, Grid, Page, StoryContent

PT_PER_PX_AT = 72.0


def column_lines(
    pdf_bytes: bytes, area: dict, ppi: float, grid: Grid | None = None, origin: float = 0.0
) -> list[list[str]]:
    """Return the text lines of each column of a story's body, read back from the PDF.

    `area` is a manifest area (pixel coordinates at `ppi`); the body's columns sit on the
    page grid. `origin`: points from the PDF page's corner to the trimmed page's (the
    slug of a page with crop marks).
    """
    return areas_column_lines(pdf_bytes, [area], ppi, grid, origin)[0]


def areas_column_lines(
    pdf_bytes: bytes,
    areas: list[dict],
    ppi: float,
    grid: Grid | None = None,
    origin: float = 0.0,
) -> list[list[list[str]]]:
    """`column_lines` for several areas of one page, reading the PDF once."""
    import pdfplumber

    grid = grid or Grid()
    scale = 72.0 / ppi
    mm = 72 / 25.4
    result = []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        page = pdf.pages[0]
        for area in areas:
            left, top, right, bottom = (c * scale + origin for c in area["body"])
            columns = []
            # The body's own columns: a story may be set in fewer, wider columns than the
            # grid columns it spans (blank-band filling, decision 0023).
            count = max(1, area.get("columns") or 1)
            gutter = grid.gutter * mm
            width = (right - left - (count - 1) * gutter) / count
            for col in range(count):
                x0 = left + col * (width + gutter)
                x1 = x0 + width
                # A compressed mark at a line end keeps its full advance in the PDF: allow
                # half an em either side.
                region = page.within_bbox((x0 - 5, top - 1, x1 + 5, bottom + 2))
                text = region.extract_text(x_tolerance=1.5) or ""
                columns.append([line for line in text.splitlines() if line.strip()])
            result.append(columns)
    return result


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def read_columns():
    return column_lines


@pytest.fixture
def read_page_columns():
    return areas_column_lines


@pytest.fixture
def publish_dir(tmp_path) -> Path:
    return tmp_path / "publish"


@pytest.fixture
def manifest_of():
    def read(folder: Path) -> dict:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))

    return read


SENTENCES = [
    "市民服务中心今天正式启用，窗口从原来的二十个增加到六十个。",
    "据介绍，新中心集中了公安、社保、医保、不动产登记等三十多个部门的业务。",
    "记者在现场看到，前来办事的群众有序排队，“一窗受理”让大家少跑了不少路。",
    "“以前办一件事要跑好几个地方，现在一个窗口就办完了。”市民李女士说。",
    "今年以来，全市新增城镇就业5.34万人，完成年度目标的112%。",
    "下一步，有关部门将继续推进《政务服务事项清单》的落实，让数据多跑路、群众少跑腿。",
    "该项目总投资约11.06亿元，预计明年6月建成投用——届时将新增停车位1200个。",
    "截至11月底，全市累计改造老旧小区46个，惠及居民1.3万户……",
    "专家提醒，冬季气温较低，老人和儿童要注意保暖，出行时佩戴口罩。",
    "活动现场，志愿者向过往行人发放宣传资料（共计3000余份），讲解安全知识。",
]


def generated_story_data(rng: random.Random, n: int, paragraphs: int):
    from chenbao.stories.services import BylineData, StoryData

    body = []
    for p in range(paragraphs):
        if p and p % 4 == 0:
            body.append(("subhead", f"第{p // 4}部分 工作稳步推进"))
        body.append(("paragraph", "".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 5)))))
    return StoryData(
        headline=f"我市第{n}项民生工程顺利推进",
        kicker="聚焦民生实事" if n % 3 == 0 else "",
        subtitle="各部门协同发力 群众满意度持续提升" if n % 2 == 0 else "",
        dateline="淄博12月1日讯",
        body=tuple(body),
        bylines=(BylineData("记者", "王晓明", "本报"), BylineData("通讯员", "李华")),
    )


@pytest.fixture
def make_edition(db):
    """Return a function building an edition of `pages` pages of generated stories."""
    from chenbao.editions.models import Edition, PrintedPage, StoryPlacement
    from chenbao.stories.services import section_get_or_create, story_save_published

    def make(pages: int = 16, date=dt.date(2022, 12, 9), stories_per_page: int = 3):
        rng = random.Random(pages * 1000 + date.toordinal())
        section = section_get_or_create(name="本地")
        edition = Edition.objects.create(date=date, paper="鲁中晨报")
        n = 0
        for p in range(1, pages + 1):
            printed = PrintedPage.objects.create(edition=edition, number=f"A{p:02d}", name="本地")
            for s in range(stories_per_page):
                n += 1
                story = story_save_published(
                    section=section,
                    slug=f"gen-{date:%Y%m%d}-{n}",
                    data=generated_story_data(rng, n, paragraphs=3 if s else 6),
                )
                StoryPlacement.objects.create(page=printed, story=story, sort_order=s)
        return edition

    return make


# Pages without the database, for the engine, the balancing floor and the render pool.
ENGINE_SENTENCES = [
    "市民服务中心今天正式启用，窗口从原来的二十个增加到六十个。",
    "记者在现场看到，前来办事的群众有序排队，“一窗受理”让大家少跑了不少路。",
    "今年以来，全市新增城镇就业5.34万人，完成年度目标的112%。",
    "该项目总投资约11.06亿元，预计明年6月建成投用——届时将新增停车位1200个。",
    "截至11月底，全市累计改造老旧小区46个，惠及居民1.3万户……",
]


def make_pages(count: int, seed: int = 3, longest: int = 9) -> list[Page]:
    """Pages of generated stories, arranged automatically (no database)."""
    from chenbao.editions.layout.arrange import arrange_page

    rng = random.Random(seed)
    pages = []
    for p in range(1, count + 1):
        stories = []
        for s in range(3):
            blocks = []
            for i in range(rng.randint(1, longest if s == 0 else 4)):
                if i and i % 4 == 0:
                    blocks.append(Block("subhead", "工作稳步推进"))
                text = "".join(rng.choice(ENGINE_SENTENCES) for _ in range(rng.randint(2, 5)))
                blocks.append(Block("paragraph", text))
            n = p * 10 + s
            stories.append(
                StoryContent(f"story-{n}", f"我市第{n}项民生工程顺利推进", blocks=tuple(blocks))
            )
        folio = Folio("鲁中晨报", "2022年12月2日", "星期五", f"A{p:02d}", "要闻")
        pages.append(arrange_page(key=f"A{p:02d}", folio=folio, stories=stories))
    return pages


@pytest.fixture
def engine(tmp_path):
    """A warm Typst engine rendering into a folder of its own."""
    from chenbao.editions.engine import TypstEngine

    return TypstEngine(root=tmp_path / "render")


@pytest.fixture
def make_image(db, settings, tmp_path):
    """Return a function making a Wagtail image of a small PNG (or of the bytes given)."""
    from django.core.files.base import ContentFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    settings.MEDIA_ROOT = str(tmp_path / "media")

    def make(title: str = "图片", data: bytes | None = None, colour: str = "red"):
        if data is None:
            buf = io.BytesIO()
            PILImage.new("RGB", (12, 8), colour).save(buf, format="PNG")
            data = buf.getvalue()
        return Image.objects.create(title=title, file=ContentFile(data, name="photo.png"))

    return make
