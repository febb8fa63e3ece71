"""The role groups and what each may do (created by core migrations 0002 and 0003)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow

from chenbao.core.roles import ROLES


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
    for name in ["记者", "编辑", "部门主任", "总编", "值班总编", "校对", "广告", "管理员"]:
        user = make_user(f"u_{len(can)}", name)
        perms = section.permissions_for_user(user)
        can[name] = (perms.can_add_subpage(), perms.can_edit(), perms.can_publish())
    assert can["记者"] == (True, False, False)  # writes stories, edits only their own
    for reviewer in ("编辑", "部门主任", "总编", "值班总编"):
        assert can[reviewer] == (True, True, False), reviewer  # publishing is 终审's pass
    assert can["校对"] == (False, False, False)
    assert can["广告"] == (False, False, False)
    assert can["管理员"] == (True, True, True)


def test_model_permissions_by_role(make_user):
    chief = make_user("chief", "总编")
    duty = make_user("duty", "值班总编")
    reporter = make_user("reporter", "记者")
    proofreader = make_user("proof", "校对")
    page_editor = make_user("pages", "版面编辑")
    for user in (chief, duty):
        assert user.has_perm("stories.add_storycorrection")
        assert user.has_perm("stories.add_storywithdrawal")
    assert not reporter.has_perm("stories.add_storycorrection")
    assert reporter.has_perm("stories.add_contributor")
    assert proofreader.has_perm("stories.add_proofround")
    assert not page_editor.has_perm("stories.add_proofround")
    assert page_editor.has_perm("editions.change_printedpage")
