"""Demo users: one per role, all with the same password (never use these in production)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from chenbao.core.roles import ADMIN, ROLES

DEMO_PASSWORD = "chenbao-demo"


def load(*, stdout) -> None:
    User = get_user_model()
    stdout.write(f"demo logins (password for all: {DEMO_PASSWORD}):")
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        user, created = User.objects.get_or_create(
            username=role.key, defaults={"first_name": role.name}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_staff = True
        user.is_superuser = role is ADMIN
        user.save()
        user.groups.add(group)
        stdout.write(f"  {role.key:<16} {role.name}")
