"""Factories for tests: newsroom users per role (core/roles.py), sections and stories.

`user_make(EDITOR)` makes a staff user in the role's group; the admin role is a superuser
too, as in the demo. Tests name roles by their constants, never by group names.
"""

from __future__ import annotations

import itertools

from chenbao.core.roles import ADMIN, Role

_serial = itertools.count(1)


def user_make(*roles: Role, username: str = "", superuser: bool | None = None, email: bool = False):
    """Return a new staff user holding `roles` (a superuser when ADMIN is among them)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    username = username or f"{roles[0].key if roles else 'user'}_{next(_serial)}"
    if superuser is None:
        superuser = ADMIN in roles
    user = get_user_model().objects.create_user(
        username=username,
        password="pw-" + username,
        email=f"{username}@paper.example" if email else "",
        is_staff=True,
        is_superuser=superuser,
    )
    for role in roles:
        user.groups.add(Group.objects.get_or_create(name=role.name)[0])
    return user


def section_make(name: str = "本地"):
    """Return the section (栏目) `name` under the home page, made on first use."""
    from chenbao.stories.services import section_get_or_create

    return section_get_or_create(name=name)


def story_make(
    *, title: str = "淄博今年新建改扩建幼儿园42所", section: str = "本地", live=False, **fields
):
    """Return a story in `section` (a draft unless `live`), saved as a revision."""
    from chenbao.stories.models import StoryPage

    story = StoryPage(title=title, slug=f"story-{next(_serial)}", live=False, **fields)
    section_make(section).add_child(instance=story)
    revision = story.save_revision()
    if live:
        revision.publish()
        story.refresh_from_db()
    return story


def totp_code(device) -> str:
    """The code an authenticator app shows for `device` now."""
    from django_otp.oath import totp

    return f"{totp(device.bin_key):06d}"


def totp_wrong_code(device) -> str:
    """A code `device` accepts in none of its steps (a fixed "000000" is right about one
    time in 300,000, which once failed CI)."""
    from django_otp.oath import totp

    near = {
        f"{totp(device.bin_key, drift=drift):06d}"
        for drift in range(-device.tolerance - 1, device.tolerance + 2)
    }
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in near)
