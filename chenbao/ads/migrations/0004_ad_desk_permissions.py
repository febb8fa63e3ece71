"""Let the ad desk (广告) into the admin and give it the ad desk's snippets; page editors in."""

from django.db import migrations

MODELS = {"advertiser": "广告客户", "publicservicead": "公益广告", "adslot": "常设版位"}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    ad_desk, _ = Group.objects.get_or_create(name="广告")
    page_editors, _ = Group.objects.get_or_create(name="版面编辑")
    for group in (ad_desk, page_editors):
        group.permissions.add(*access)
    for model, label in MODELS.items():
        ct, _ = ContentType.objects.get_or_create(app_label="ads", model=model)
        for action, verb in (("add", "add"), ("change", "change"), ("delete", "delete"), ("view", "view")):
            perm, _ = Permission.objects.get_or_create(
                content_type=ct, codename=f"{action}_{model}", defaults={"name": f"Can {verb} {label}"}
            )
            ad_desk.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("ads", "0003_desk"),
        ("core", "0002_roles"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
