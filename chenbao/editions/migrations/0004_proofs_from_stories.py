"""Proof rounds (三校) and print releases (付印) move here from stories (stories 0005).

The rows stay: the models are taken over in state, their content types (and so every
group's permissions on them) are relabelled, then the tables are renamed.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MOVED = ("proofround", "printrelease")


def content_types_to_editions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="editions", model=model).exists():
            ContentType.objects.filter(app_label="stories", model=model).update(
                app_label="editions"
            )


def content_types_to_stories(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="editions", model__in=MOVED).update(app_label="stories")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("editions", "0003_page_slots"),
        ("stories", "0005_proofs_move_to_editions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ProofRound",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("number", models.PositiveSmallIntegerField(choices=[(1, "一校"), (2, "二校"), (3, "三校")], verbose_name="校次")),
                        ("proofreader_name", models.CharField(max_length=150, verbose_name="校对姓名")),
                        ("corrections", models.TextField(blank=True, help_text="每行一处：原文 → 改为（位置）", verbose_name="校改内容")),
                        ("finished_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="完成时间")),
                        ("page", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="proof_rounds", to="editions.printedpage", verbose_name="版面")),
                        ("proofreader", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="校对")),
                    ],
                    options={
                        "verbose_name": "校次",
                        "verbose_name_plural": "校次",
                        "ordering": ["page", "number"],
                        "db_table": "stories_proofround",
                        "constraints": [models.UniqueConstraint(fields=("page", "number"), name="proofround_unique_page_number")],
                    },
                ),
                migrations.CreateModel(
                    name="PrintRelease",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("released_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="付印时间")),
                        ("page", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="print_release", to="editions.printedpage", verbose_name="版面")),
                        ("released_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="签发人")),
                    ],
                    options={
                        "verbose_name": "付印",
                        "verbose_name_plural": "付印",
                        "db_table": "stories_printrelease",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to_editions, content_types_to_stories),
        migrations.AlterModelTable(name="proofround", table=None),
        migrations.AlterModelTable(name="printrelease", table=None),
    ]
