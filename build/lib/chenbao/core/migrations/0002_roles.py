from django.db import migrations

ROLE_NAMES = ["记者", "编辑", "部门主任", "总编", "值班总编", "校对", "版面编辑", "热线编辑", "财务", "广告", "管理员"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
