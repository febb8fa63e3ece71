"""Wagtail's own default workflow ("Moderators approval") is not chenbao's: stories go
through 三审 (0003). It is kept (Wagtail's data), named in Chinese and switched off, so the
workflow reports do not show an English name for a workflow nobody uses. Wagtail's default
groups (Editors, Moderators), which no newsroom role uses, are named in Chinese too."""

from django.db import migrations

WAGTAIL_DEFAULT = "Moderators approval"
WORDED = "系统默认审批（未启用）"
GROUPS = {"Editors": "系统默认编辑组（未用）", "Moderators": "系统默认审核组（未用）"}


def word_default_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=WAGTAIL_DEFAULT).update(name=WORDED, active=False)
    Task.objects.filter(name=WAGTAIL_DEFAULT).update(name=WORDED, active=False)
    Group = apps.get_model("auth", "Group")
    for english, worded in GROUPS.items():
        if not Group.objects.filter(name=worded).exists():
            Group.objects.filter(name=english).update(name=worded)


def unword(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=WORDED).update(name=WAGTAIL_DEFAULT, active=True)
    Task.objects.filter(name=WORDED).update(name=WAGTAIL_DEFAULT, active=True)
    Group = apps.get_model("auth", "Group")
    for english, worded in GROUPS.items():
        Group.objects.filter(name=worded).update(name=english)


class Migration(migrations.Migration):
    dependencies = [("stories", "0005_proofs_move_to_editions"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(word_default_workflow, unword)]
