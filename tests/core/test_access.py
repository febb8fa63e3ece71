"""Every newsroom URL and action, with the roles allowed (core/access.py), checked per role.

The table below is the policy as people read it; each row is requested by a user of every
role. A refused request is a 403, Wagtail's redirect to the dashboard (how the admin shows
PermissionDenied), or a 404 where the object must not be hinted at (a tip).
"""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from chenbao.core import access
from chenbao.core.access import RULES, Action, may
from chenbao.core.roles import (
    AD_DESK,
    ADMIN,
    CHIEF_EDITOR,
    DATA_DESK,
    DEPARTMENT_HEAD,
    DUTY_CHIEF,
    EDITOR,
    FINANCE,
    PAGE_EDITOR,
    PROOFREADER,
    REPORTER,
    ROLES,
    TIP_DESK,
)
from chenbao.editions.storage import publish_storage
from tests.factories import user_make

CHIEFS = {CHIEF_EDITOR, DUTY_CHIEF}

# (url name, the objects it needs, method, POST data, roles allowed). ADMIN is a superuser.
NEWSROOM = [
    ("figures_desk", (), "get", None, {DATA_DESK, *CHIEFS, ADMIN}),
    ("figures_indicator_new", (), "post", {"name": "x"}, {DATA_DESK, *CHIEFS, ADMIN}),
    ("figures_pledges_import", (), "post", None, {DATA_DESK, *CHIEFS, ADMIN}),
    ("figures_pledge_from_figure", (), "post", {"figure": "0"}, {DATA_DESK, *CHIEFS, ADMIN}),
    (
        "figures_story_check",
        ("story",),
        "get",
        None,
        {EDITOR, DEPARTMENT_HEAD, *CHIEFS, DATA_DESK, ADMIN},
    ),
    ("tips_desk:inbox", (), "get", None, {TIP_DESK, REPORTER, ADMIN}),
    ("tips_desk:hotline", (), "get", None, {TIP_DESK, ADMIN}),
    ("tips_desk:import", (), "get", None, {TIP_DESK, ADMIN}),
    ("tips_desk:detail", ("tip",), "get", None, {TIP_DESK, REPORTER, ADMIN}),
    ("tips_desk:file", ("tip", "file"), "get", None, {TIP_DESK, REPORTER, ADMIN}),
    (
        "tips_desk:act",
        ("tip",),
        "post",
        {"action": "note", "text": "x"},
        {TIP_DESK, REPORTER, ADMIN},
    ),
    ("rewards_desk:list", (), "get", None, {TIP_DESK, *CHIEFS, FINANCE, ADMIN}),
    ("rewards_desk:report", (), "get", None, {TIP_DESK, FINANCE, ADMIN}),
    (
        "rewards_desk:act",
        ("reward",),
        "post",
        {"action": "decline"},
        {TIP_DESK, *CHIEFS, ADMIN},
    ),
    (
        "chenbao_story_review_slip",
        ("story",),
        "get",
        None,
        {EDITOR, DEPARTMENT_HEAD, *CHIEFS, ADMIN},
    ),
    ("chenbao_story_correct", ("story",), "get", None, {*CHIEFS, ADMIN}),
    ("chenbao_story_withdraw", ("story",), "get", None, {*CHIEFS, ADMIN}),
    ("chenbao_story_withdrawals", (), "get", None, {*CHIEFS, ADMIN}),
    ("editions_proofs", (), "get", None, {PROOFREADER, PAGE_EDITOR, *CHIEFS, ADMIN}),
    ("editions_proof_record", ("page",), "post", {"corrections": ""}, {PROOFREADER, ADMIN}),
    ("editions_print_release", ("page",), "post", {}, {PAGE_EDITOR, *CHIEFS, ADMIN}),
    ("editions_publish", ("edition",), "get", None, {PAGE_EDITOR, *CHIEFS, ADMIN}),
    (
        "editions_preview",
        ("edition", "number"),
        "get",
        None,
        {PROOFREADER, PAGE_EDITOR, *CHIEFS, ADMIN},
    ),
    (
        "editions_preview_file",
        ("edition", "published_file"),
        "get",
        None,
        {PROOFREADER, PAGE_EDITOR, *CHIEFS, ADMIN},
    ),
    ("editions_board", ("page",), "get", None, {PAGE_EDITOR, *CHIEFS, ADMIN}),
    ("editions_board_preview", ("page",), "post", {}, {PAGE_EDITOR, *CHIEFS, ADMIN}),
    ("editions_board_save", ("page",), "post", {}, {PAGE_EDITOR, *CHIEFS, ADMIN}),
    ("weather_desk", (), "get", None, {EDITOR, PAGE_EDITOR, *CHIEFS, ADMIN}),
    ("ads_schedule", (), "get", None, {AD_DESK, PAGE_EDITOR, ADMIN}),
    ("ads_revenue", (), "get", None, {AD_DESK, FINANCE, ADMIN}),
    ("ads_bookings", (), "get", None, {AD_DESK, ADMIN}),
    ("ads_booking", ("booking",), "get", None, {AD_DESK, ADMIN}),
    # Every staff member's own second factor (tests/core/test_twofactor.py).
    ("chenbao_2fa_setup", (), "get", None, set(ROLES)),
    ("chenbao_2fa_verify", (), "get", None, set(ROLES)),
    ("chenbao_2fa_recovery", (), "get", None, set(ROLES)),
]


def refused(response) -> bool:
    if response.status_code in {403, 404}:
        return True
    return response.status_code == 302 and response["Location"] == "/admin/"


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 30, 30)).save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture
def world(reference_page):
    """One of everything the newsroom URLs act on."""
    from chenbao.ads.models import Advertiser
    from chenbao.ads.services import booking_create
    from chenbao.rewards.models import Reward
    from chenbao.tips.services import Upload, tip_submit

    tip, _receipt = tip_submit(
        text="东风路与柳泉路交叉口今早两车相撞，一人受伤。",
        uploads=[Upload(jpeg())],
    )
    booking = booking_create(
        advertiser=Advertiser.objects.create(name="示例客户"),
        title="冬季家电节",
        date_from=reference_page.edition.date,
        page_number="A02",
        position="bottom",
        columns=6,
        height_mm=60,
        price=8000,
    )
    # What publishing a story grown from the tip makes (rewards_suggest_for_story).
    reward = Reward.objects.create(group=tip.group, tip=tip)
    publish_storage().save(
        f"{reference_page.edition.date.isoformat()}/A02.pdf", ContentFile(b"%PDF-1.7\n")
    )
    return {
        "published_file": "A02.pdf",
        "reward": reward.pk,
        "tip": tip.pk,
        "file": tip.files.get().pk,
        "story": reference_page.story_placements.first().story_id,
        "page": reference_page.pk,
        "edition": reference_page.edition_id,
        "number": reference_page.number,
        "booking": booking.pk,
    }


@pytest.mark.parametrize(
    ("name", "needs", "method", "data", "allowed"), NEWSROOM, ids=[r[0] for r in NEWSROOM]
)
def test_each_role_gets_only_what_it_may(world, name, needs, method, data, allowed):
    from chenbao.tips.models import Tip

    url = reverse(name, args=[world[n] for n in needs])
    anonymous = getattr(Client(), method)(url, data or {})
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"], name
    for role in ROLES:
        user = user_make(role)
        if role is REPORTER:  # a reporter sees the tips assigned to them
            Tip.objects.filter(pk=world["tip"]).update(assigned_to=user)
        client = Client()
        client.force_login(user)
        response = getattr(client, method)(url, data or {})
        assert refused(response) == (role not in allowed), (name, role.name, response.status_code)


def test_the_table_covers_every_newsroom_url_chenbao_registers():
    from wagtail import hooks

    names = set()
    for fn in hooks.get_hooks("register_admin_urls"):
        if not fn.__module__.startswith("chenbao."):
            continue
        for pattern in fn():
            for sub in getattr(pattern, "url_patterns", [pattern]):
                namespace = getattr(pattern, "namespace", None)
                names.add(f"{namespace}:{sub.name}" if namespace else sub.name)
    # Actions any logged-in newsroom user may take on their own things.
    everyone = {"chenbao_story_notices_read"}
    tested = {row[0] for row in NEWSROOM}
    assert names - everyone - tested == set()


def test_the_rules_name_every_action():
    assert set(RULES) == set(Action)


@pytest.mark.django_db
def test_superusers_may_everything_and_inactive_users_nothing():
    boss = user_make(superuser=True)
    assert all(may(boss, action) for action in Action)
    clerk = user_make(AD_DESK)
    clerk.is_active = False
    assert not any(may(clerk, action) for action in Action)


@pytest.mark.django_db
def test_roles_are_read_once_per_user_object(django_assert_num_queries):
    editor = user_make(EDITOR)
    with django_assert_num_queries(1):
        assert may(editor, Action.WEATHER_DESK)
        assert not may(editor, Action.AD_BOOKING)
        assert access.has_role(editor, EDITOR)


@pytest.mark.django_db
def test_users_with_a_role_are_the_active_ones():
    active, gone = user_make(REPORTER), user_make(REPORTER)
    gone.is_active = False
    gone.save()
    user_make(EDITOR)
    assert list(access.users_with(REPORTER)) == [active]
