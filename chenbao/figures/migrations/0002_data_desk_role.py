"""The role 数据编辑 (the figures desk): its group, allowed into the Wagtail admin."""

from django.db import migrations


def create_role(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="数据编辑")
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access is not None:
        group.permissions.add(access)


class Migration(migrations.Migration):
    dependencies = [("figures", "0001_figures_pledges"), ("core", "0003_role_permissions")]
    operations = [migrations.RunPython(create_role, migrations.RunPython.noop)]
