"""The tip-line demo fills the inbox once and prints a QR code for the tip-line URL."""

import io

import pytest

from chenbao.core.roles import REPORTER, TIP_DESK
from chenbao.tips import demo
from chenbao.tips.models import Tip

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_points_the_qr_at_the_tipline(settings, make_user):
    make_user("tip_desk", TIP_DESK)
    make_user("reporter", REPORTER)
    out = io.StringIO()
    demo.load(stdout=out)
    first = sorted(Tip.objects.values_list("text", "status", "channel", "group_id"))
    demo.load(stdout=io.StringIO())
    assert sorted(Tip.objects.values_list("text", "status", "channel", "group_id")) == first
    assert len(first) == len(demo.SAMPLES)
    assert settings.CHENBAO["TIPLINE_URL"] in out.getvalue()
    texts = dict((t, g) for t, _s, _c, g in first)
    assert texts[demo.SAMPLES[0][1]] == texts[demo.SAMPLES[1][1]]  # one event, one group
    assert Tip.objects.filter(status="assigned").count() == 1
