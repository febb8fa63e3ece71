"""Create the 三审 workflow (初审 → 复审 → 终审) and make it the default for every page."""

from django.db import migrations

LEVELS = [
    ("firstreviewtask", "初审", ["编辑"]),
    ("secondreviewtask", "复审", ["部门主任"]),
    ("finalreviewtask", "终审", ["总编", "值班总编"]),
]
WORKFLOW_NAME = "三审"


def create_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Page = apps.get_model("wagtailcore", "Page")

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    for order, (model_name, task_name, group_names) in enumerate(LEVELS):
        Model = apps.get_model("stories", model_name)
        content_type, _ = ContentType.objects.get_or_create(app_label="stories", model=model_name)
        task = Model.objects.filter(name=task_name).first()
        if task is None:
            task = Model.objects.create(name=task_name, content_type=content_type, active=True)
        task.groups.set([Group.objects.get_or_create(name=name)[0] for name in group_names])
        WorkflowTask.objects.get_or_create(
            workflow=workflow, task_id=task.pk, defaults={"sort_order": order}
        )
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0002_review_workflow_models"),
        ("core", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]
    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
