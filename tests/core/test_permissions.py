"""Permission names are the site's language after migrate (core/permissions.py)."""

from django.contrib.auth.models import Permission

from chenbao.core.permissions import permissions_worded


def test_permissions_are_named_in_chinese_after_migrate(db):
    names = dict(Permission.objects.values_list("codename", "name"))
    assert names["add_page"] == "可以添加页面"
    assert names["change_group"] == "可以修改组"
    assert names["publish_page"] == "发布任何页面"  # Wagtail's own, from the catalogue
    assert names["access_admin"] == "可以进入编辑部后台"
    assert not [n for n in names.values() if n.startswith("Can ")]


def test_a_permission_named_in_english_again_is_renamed_and_codenames_stay(db):
    Permission.objects.filter(codename="add_page").update(name="Can add page")
    assert permissions_worded() == 1
    assert Permission.objects.get(codename="add_page").name == "可以添加页面"
    assert permissions_worded() == 0  # nothing left to rename
