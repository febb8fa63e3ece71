"""`chenbao demo` loads the demo newsroom, and loading it twice changes nothing."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command

from chenbao.core.roles import ROLES
from chenbao.editions.models import Edition, PrintedPage, StoryPlacement
from chenbao.stories.models import StoryPage


def counts() -> dict[str, int]:
    return {
        "users": get_user_model().objects.count(),
        "editions": Edition.objects.count(),
        "pages": PrintedPage.objects.count(),
        "stories": StoryPage.objects.count(),
        "placements": StoryPlacement.objects.count(),
    }


def test_demo_is_idempotent(db):
    out = io.StringIO()
    call_command("demo", stdout=out)
    first = counts()
    call_command("demo", stdout=io.StringIO())
    assert counts() == first
    assert first["stories"] >= 2
    text = out.getvalue()
    assert "chenbao-demo" in text
    assert "/epaper/2022-12-02/" in text
    users = get_user_model().objects
    for role in ROLES:
        user = users.get(username=role.key)
        assert user.groups.filter(name=role.name).exists()
        assert user.check_password("chenbao-demo")
