from django.db import migrations


def create_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="数据编辑")


class Migration(migrations.Migration):
    dependencies = [("figures", "0001_figures_pledges"), ("core", "0002_roles")]
    operations = [migrations.RunPython(create_role, migrations.RunPython.noop)]
