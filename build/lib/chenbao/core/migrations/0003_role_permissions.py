"""Give each role group its permissions: Wagtail page permissions on the whole tree,
image permissions on the root collection, and model permissions for the newsroom apps.

Nobody but 管理员 may publish a page directly: stories are published by passing 终审
(chenbao.stories.workflow.publish_workflow_state).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACCESS_ADMIN = "wagtailadmin.access_admin"
REVIEWER_PAGES = ["add_page", "change_page", "lock_page"]
CHIEF_PAGES = [*REVIEWER_PAGES, "unlock_page"]
CONTRIBUTORS = ["stories.add_contributor", "stories.change_contributor", "stories.view_contributor"]
IMAGES = ["add_image", "choose_image"]
AFTER_PUBLICATION = [
    "stories.add_storycorrection",
    "stories.view_storycorrection",
    "stories.add_storywithdrawal",
    "stories.view_storywithdrawal",
]
EDITIONS = [
    f"editions.{verb}_{model}"
    for model in ("edition", "printedpage", "storyplacement")
    for verb in ("add", "change", "view")
]

# group name: (page permissions on the root page, image permissions, model permissions)
ROLE_PERMISSIONS = {
    "记者": (["add_page"], IMAGES, CONTRIBUTORS),
    "编辑": (REVIEWER_PAGES, IMAGES, [*CONTRIBUTORS, "stories.view_reviewslipentry"]),
    "部门主任": (REVIEWER_PAGES, IMAGES, [*CONTRIBUTORS, "stories.view_reviewslipentry"]),
    "总编": (CHIEF_PAGES, IMAGES, [*CONTRIBUTORS, "stories.view_reviewslipentry", *AFTER_PUBLICATION]),
    "值班总编": (
        CHIEF_PAGES,
        IMAGES,
        [*CONTRIBUTORS, "stories.view_reviewslipentry", *AFTER_PUBLICATION],
    ),
    "校对": (
        [],
        [],
        [
            "stories.add_proofround",
            "stories.view_proofround",
            "editions.view_edition",
            "editions.view_printedpage",
        ],
    ),
    "版面编辑": (
        [],
        ["choose_image"],
        [*EDITIONS, "stories.view_proofround", "ads.view_adplacement"],
    ),
    "热线编辑": ([], [], []),
    "财务": ([], [], []),
    "广告": ([], ["add_image", "choose_image"], [f"ads.{v}_adplacement" for v in ("add", "change", "view", "delete")]),
    "管理员": (
        [*CHIEF_PAGES, "publish_page", "bulk_delete_page"],
        ["add_image", "change_image", "choose_image", "delete_image"],
        [*CONTRIBUTORS, "stories.view_reviewslipentry", *AFTER_PUBLICATION, *EDITIONS],
    ),
}


def grant(apps, schema_editor):
    # Model permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    def permission(app_label, codename):
        return Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()

    for name, (page_perms, image_perms, model_perms) in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for label in [ACCESS_ADMIN, *model_perms]:
            perm = permission(*label.split("."))
            if perm is not None:
                group.permissions.add(perm)
        if root_page is not None:
            for codename in page_perms:
                perm = permission("wagtailcore", codename)
                if perm is not None:
                    GroupPagePermission.objects.get_or_create(
                        group=group, page=root_page, permission=perm
                    )
        if root_collection is not None:
            for codename in image_perms:
                perm = permission("wagtailimages", codename)
                if perm is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=perm
                    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_roles"),
        ("stories", "0003_review_workflow"),
        ("editions", "0002_initial"),
        ("ads", "0002_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
