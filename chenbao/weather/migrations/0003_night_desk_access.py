"""Let the night desk's roles into the admin, where the weather desk page lives."""

from django.db import migrations

NIGHT_DESK = ["版面编辑", "值班总编", "编辑", "总编"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    for name in NIGHT_DESK:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*access)


class Migration(migrations.Migration):
    dependencies = [
        ("weather", "0002_forecast"),
        ("core", "0002_roles"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
