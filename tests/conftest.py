"""Shared fixtures: the reference page, demo-like users per role, an imported edition."""

import pytest

from chenbao.archive.reference import REFERENCE_DATE, REFERENCE_PAGE


@pytest.fixture
def reference_text() -> str:
    return REFERENCE_PAGE.read_text(encoding="utf-8")


def ensure_page_tree() -> None:
    """Recreate what Wagtail's migrations made (the default locale, the root page) if an
    earlier transactional test (a browser test with a live server) flushed the database."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.utils.translation import get_supported_language_variant
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(
        language_code=get_supported_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(
            instance=Page(
                title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)
            )
        )


@pytest.fixture
def reference_page(db):
    """The reference page imported as page A02 of the 2 December 2022 edition."""
    from chenbao.archive.pagetext import parse_page
    from chenbao.archive.services import page_import

    ensure_page_tree()
    return page_import(
        page=parse_page(REFERENCE_PAGE.read_text(encoding="utf-8")),
        date=REFERENCE_DATE,
        number="A02",
        name="要闻",
    )


@pytest.fixture
def make_user(db):
    """Return a function making a staff user in the named role group (e.g. "热线编辑")."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    def make(username: str, *roles: str, superuser: bool = False):
        user = get_user_model().objects.create_user(
            username=username, password="pw-" + username, is_staff=True, is_superuser=superuser
        )
        for role in roles:
            user.groups.add(Group.objects.get_or_create(name=role)[0])
        return user

    return make
