"""The newsroom's role groups exist from the migrations on."""

from django.contrib.auth.models import Group

from chenbao.core.roles import ROLES


def test_every_role_group_is_created_by_migration(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {role.name for role in ROLES} <= names
