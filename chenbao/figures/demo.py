"""The demo's figures and pledges: a second page a year on, two indicators with a timeline,
pledges in several states with evidence, one past its deadline with none (逾期待核).

Runs after the archive's demo (the reference page) in `chenbao demo`; idempotent.
"""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model

from chenbao.archive.importer import page_import
from chenbao.archive.pagetext import parse_page, read_page_file
from chenbao.figures import services
from chenbao.figures import status as s
from chenbao.figures.models import FigureState, Indicator, Pledge, StoryFigure

SECOND_PAGE = Path(__file__).parent / "fixtures" / "demo-2023-12-01-A02.txt"
PLACE = "淄博"
INDICATORS = [
    ("城镇新增就业", "人"),
    ("新建充电桩", "个"),
    ("设置智慧停车位", "个"),
    ("新增家庭养老床位", "张"),
]
# title, owner, deadline, target, unit, indicator, status set by the desk (None: not yet)
PLEDGES = [
    (
        "2023年新建充电桩8000个",
        "市发展改革委",
        dt.date(2023, 12, 31),
        8000,
        "个",
        "新建充电桩",
        s.EXCEEDED,
    ),
    (
        "2023年城镇新增就业6万人",
        "市人力资源社会保障局",
        dt.date(2023, 12, 31),
        60000,
        "人",
        "城镇新增就业",
        s.PARTLY_KEPT,
    ),
    (
        "两年设置智慧停车位4万个",
        "市城市管理局",
        dt.date(2023, 12, 31),
        40000,
        "个",
        "设置智慧停车位",
        s.BROKEN,
    ),
    (
        "2024年新增家庭养老床位3500张",
        "市民政局",
        dt.date(2024, 12, 31),
        3500,
        "张",
        "新增家庭养老床位",
        None,
    ),
]


def load(*, stdout) -> None:
    desk = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    page_import(
        page=parse_page(read_page_file(SECOND_PAGE)),
        date=dt.date(2023, 12, 1),
        number="A02",
        name="要闻",
    )
    indicators = {}
    for name, unit in INDICATORS:
        indicators[name] = Indicator.objects.filter(name=name, place=PLACE, unit=unit).first() or (
            services.indicator_create(name=name, place=PLACE, unit=unit, user=desk)
        )
    # Suggestions need the indicators: read every story again, then confirm what matches.
    story_ids = list(StoryFigure.objects.values_list("story_id", flat=True).distinct())
    services.stories_figures_extract(story_ids=story_ids)
    for figure in StoryFigure.objects.filter(state=FigureState.SUGGESTED).exclude(indicator=None):
        services.figure_confirm(figure=figure, indicator=figure.indicator, user=desk)
    for title, owner, deadline, target, unit, name, status in PLEDGES:
        if Pledge.objects.filter(title=title).exists():
            continue
        indicator = indicators[name]
        pledge = services.pledge_create(
            title=title,
            owner=owner,
            place=PLACE,
            deadline=deadline,
            target_value=target,
            unit=unit,
            indicator=indicator,
            source="民生实事项目",
            user=desk,
        )
        if status is not None:
            evidence = (
                StoryFigure.objects.filter(indicator=indicator, state=FigureState.CONFIRMED)
                .exclude(kind="target")
                .order_by("-story__first_published_at")
                .first()
            )
            reported = evidence.value.normalize() if evidence else Decimal(0)
            services.pledge_status_set(
                pledge=pledge,
                status=status,
                user=desk,
                evidence=evidence,
                note=f"2023年12月1日本报报道：{evidence.text if evidence else '无'}"
                f"（承诺 {target}{unit}，报道 {reported:f}{unit}）",
            )
    stdout.write(
        f"figures: {StoryFigure.objects.count()} figures read, "
        f"{Indicator.objects.count()} indicators, {Pledge.objects.count()} pledges"
    )
