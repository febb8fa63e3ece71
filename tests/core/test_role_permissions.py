"""The role groups and what each may do (created by core migrations 0002 and 0003)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow

from chenbao.core.roles import (
    AD_DESK,
    ADMIN,
    CHIEF_EDITOR,
    DEPARTMENT_HEAD,
    DUTY_CHIEF,
    EDITOR,
    PAGE_EDITOR,
    PROOFREADER,
    REPORTER,
    ROLES,
)


@pytest.mark.django_db
def test_every_role_is_a_group_that_can_open_the_newsroom():
    for role in ROLES:
        group = Group.objects.get(name=role.name)
        assert group.permissions.filter(codename="access_admin").exists(), role.name


@pytest.mark.django_db
def test_the_review_workflow_is_the_default_for_every_page():
    workflow = Workflow.objects.get(name="三审")
    tasks = [(t.name, sorted(g.name for g in t.specific.groups.all())) for t in workflow.tasks]
    assert tasks == [("初审", ["编辑"]), ("复审", ["部门主任"]), ("终审", ["值班总编", "总编"])]
    assert Page.get_first_root_node().get_workflow() == workflow


def test_page_permissions_by_role(make_user):
    from chenbao.stories.services import section_get_or_create

    section = section_get_or_create(name="本地")
    can = {}
    roles = [REPORTER, EDITOR, DEPARTMENT_HEAD, CHIEF_EDITOR, DUTY_CHIEF, PROOFREADER, AD_DESK]
    for role in roles:
        user = make_user(f"u_{role.key}", role)
        perms = section.permissions_for_user(user)
        can[role] = (perms.can_add_subpage(), perms.can_edit(), perms.can_publish())
    # The 管理员 group alone (not a superuser) may publish directly.
    perms = section.permissions_for_user(make_user("u_admin_group", ADMIN, superuser=False))
    can[ADMIN] = (perms.can_add_subpage(), perms.can_edit(), perms.can_publish())
    assert can[REPORTER] == (True, False, False)  # writes stories, edits only their own
    for reviewer in (EDITOR, DEPARTMENT_HEAD, CHIEF_EDITOR, DUTY_CHIEF):
        assert can[reviewer] == (True, True, False), reviewer  # publishing is 终审's pass
    assert can[PROOFREADER] == (False, False, False)
    assert can[AD_DESK] == (False, False, False)
    assert can[ADMIN] == (True, True, True)


def test_model_permissions_by_role(make_user):
    chief = make_user("chief", CHIEF_EDITOR)
    duty = make_user("duty", DUTY_CHIEF)
    reporter = make_user("reporter", REPORTER)
    proofreader = make_user("proof", PROOFREADER)
    page_editor = make_user("pages", PAGE_EDITOR)
    for user in (chief, duty):
        assert user.has_perm("stories.add_storycorrection")
        assert user.has_perm("stories.add_storywithdrawal")
    assert not reporter.has_perm("stories.add_storycorrection")
    assert reporter.has_perm("stories.add_contributor")
    # Proof rounds moved to editions with their permissions (editions migration 0004).
    assert proofreader.has_perm("editions.add_proofround")
    assert not page_editor.has_perm("editions.add_proofround")
    assert page_editor.has_perm("editions.change_printedpage")
