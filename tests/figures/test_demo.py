"""The demo's figures: the reference page and a page a year on, indicators, pledges."""

import datetime as dt
import io

import pytest

from chenbao.figures import selectors
from chenbao.figures.models import Indicator, Pledge

pytestmark = pytest.mark.django_db


def test_demo_figures_and_pledges():
    from chenbao.archive import demo as archive_demo
    from chenbao.core import demo as core_demo
    from chenbao.figures import demo

    for module in (core_demo, archive_demo, demo, demo):  # twice: idempotent
        module.load(stdout=io.StringIO())
    series = {
        i.name: [p.figure.text for p in selectors.indicator_timeline(i)]
        for i in Indicator.objects.all()
    }
    assert series["城镇新增就业"] == ["5.34万人", "5.61万人"]
    assert series["新建充电桩"][:2] == ["6400余个", "9800余个"]
    assert len([name for name, values in series.items() if len(values) > 1]) >= 2
    statuses = set(Pledge.objects.values_list("status", flat=True))
    assert {"exceeded", "partly_kept", "broken"} <= statuses
    assert Pledge.objects.count() == 4
    overdue = selectors.pledges_overdue(dt.date(2026, 1, 1))
    assert [p.title for p in overdue] == ["2024年新增家庭养老床位3500张"]
    for pledge in Pledge.objects.exclude(status="not_rated"):
        assert pledge.events.exclude(evidence=None).exists()
