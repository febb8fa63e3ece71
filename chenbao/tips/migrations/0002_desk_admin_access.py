"""Let the tip desk, reporters and finance into the Wagtail admin (where the tip desk lives)."""

from django.db import migrations

GROUPS = ["热线编辑", "记者", "财务"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    perm, _ = Permission.objects.get_or_create(
        content_type=ct, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("tips", "0001_initial"),
        ("core", "0002_roles"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
