"""The figures desk under /admin/figures/: deciding figures, indicators, pledges, 数据核对."""

import pytest

from chenbao.core.roles import DATA_DESK, REPORTER
from chenbao.figures import services
from chenbao.figures.models import StoryFigure
from tests.factories import story_make, user_make
from tests.figures.world import story_of, timeline_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return user_make(DATA_DESK)


def test_desk_forms(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from chenbao.figures.models import Indicator, Pledge

    client.force_login(world["desk"])
    client.post(
        "/admin/figures/indicators/new/", {"name": "新建充电桩", "place": "淄博", "unit": "个"}
    )
    assert Indicator.objects.filter(name="新建充电桩").exists()
    page = client.post("/admin/figures/indicators/new/", {"name": ""}, follow=True)
    assert "都要填写" in page.content.decode()
    csv_file = SimpleUploadedFile(
        "p.csv", "承诺,责任单位,地方,期限\n新建公园5处,市园林局,淄博,2024-12-31\n".encode()
    )
    client.post("/admin/figures/pledges/import/", {"file": csv_file, "source": "清单"})
    assert Pledge.objects.filter(title="新建公园5处", source="清单").exists()
    story = story_make(title="待确认", live=True, body=[("paragraph", "全市新建充电桩500个。")])
    figure = services.story_figures_extract(story=story)[0]
    chosen = Indicator.objects.get(name="新建充电桩")
    client.post(
        "/admin/figures/", {"figure": figure.pk, "decision": "confirm", "indicator": chosen.pk}
    )
    figure.refresh_from_db()
    assert figure.indicator == chosen and figure.state == "confirmed"


def test_desk_refuses_odd_posts(client, world):
    client.force_login(world["desk"])
    assert client.post("/admin/figures/", {"figure": "1 OR 1=1"}).status_code == 404
    figure = StoryFigure.objects.first()
    answer = client.post("/admin/figures/", {"figure": figure.pk, "indicator": "x"})
    assert answer.status_code == 404
    page = client.post(
        "/admin/figures/", {"pledge": world["pledge"].pk, "status": "kept"}, follow=True
    )
    assert "依据" in page.content.decode()  # a rating needs its basis


def test_a_printed_target_becomes_a_pledge(client, world):
    client.force_login(world["desk"])
    target = StoryFigure.objects.get(kind="target")
    page = client.post(
        "/admin/figures/pledges/from-figure/", {"figure": target.pk, "owner": ""}, follow=True
    )
    assert "都要填写" in page.content.decode()
    client.post(
        "/admin/figures/pledges/from-figure/",
        {"figure": target.pk, "owner": "市住建局", "deadline": "2024-12-31"},
    )
    from chenbao.figures.models import Pledge

    pledge = Pledge.objects.get(source_figure=target, deadline="2024-12-31")
    assert pledge.target_value == 200 and pledge.indicator == world["indicator"]
    assert pledge.deadline.isoformat() == "2024-12-31"
    not_a_target = StoryFigure.objects.exclude(kind="target").first()
    page = client.post(
        "/admin/figures/pledges/from-figure/",
        {"figure": not_a_target.pk, "owner": "x"},
        follow=True,
    )
    assert "只有稿件里的目标数据" in page.content.decode()


def test_story_check_page(client, desk):
    lifts, old, new = timeline_world(desk)
    draft = story_of([("paragraph", "全市累计加装电梯150部。")], live=False, title="草稿")
    client.force_login(desk)
    page = client.get(f"/admin/figures/story/{draft.pk}/").content.decode()
    assert "figure-warning" in page and "累计数小于此前已报道的 217部" in page


def test_the_desk_lists_what_waits_for_it(client, desk):
    services.story_figures_extract(story=story_of([("paragraph", "全市新建充电桩500个。")]))
    client.force_login(desk)
    page = client.get("/admin/figures/").content.decode()
    assert "500个" in page


def test_the_desk_rejects_a_figure_that_is_not_one(client, desk):
    figure = services.story_figures_extract(
        story=story_make(title="电话", live=True, body=[("paragraph", "全市新建充电桩500个。")])
    )[0]
    client.force_login(desk)
    client.post("/admin/figures/", {"figure": figure.pk, "decision": "reject"})
    figure.refresh_from_db()
    assert figure.state == "rejected" and figure.decided_by == desk


def test_the_desk_is_closed_to_other_roles(client, desk):
    client.force_login(user_make(REPORTER))
    assert client.get("/admin/figures/").status_code in (302, 403)
    assert client.post(
        "/admin/figures/indicators/new/", {"name": "x", "place": "淄博", "unit": "个"}
    ).status_code in (302, 403)
    assert not StoryFigure.objects.exists()


def test_an_indicator_form_must_be_posted(client, desk):
    client.force_login(desk)
    assert client.get("/admin/figures/indicators/new/").status_code == 405
