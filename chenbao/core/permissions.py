"""Permission names as the newsroom reads them on a group's page (用户组).

Django stores each permission's name in English when it migrates ("Can add page"), and
Wagtail's group editor shows that name. After every migrate the names are written again in
the site's language: 可以添加页面, and Wagtail's own ("Publish any page") from the
translation catalogues. Only the label changes; the codenames the code checks do not.
"""

from django.apps import apps as global_apps
from django.conf import settings
from django.utils import translation

VERBS = {"add": "添加", "change": "修改", "delete": "删除", "view": "查看"}


def permission_label(codename: str, name: str, model) -> str:
    """The name of a permission in the active language."""
    action, _sep, model_name = codename.partition("_")
    if model is not None and action in VERBS and model_name == model._meta.model_name:
        return f"可以{VERBS[action]}{model._meta.verbose_name}"
    return translation.gettext(name)


def permissions_worded(sender=None, using: str = "default", apps=global_apps, **kwargs) -> int:
    """After the last app's migrate signal: make sure every permission exists (Django's
    own handler may run after this one), then name each in the site's language. Return how
    many names changed."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission

    # Django signals post_migrate once for each app that has models, in INSTALLED_APPS order.
    configs = [c for c in global_apps.get_app_configs() if c.models_module is not None]
    if sender is not None and sender is not configs[-1]:
        return 0
    for config in configs:
        create_permissions(config, verbosity=0, using=using, apps=apps)
    changed = []
    with translation.override(settings.LANGUAGE_CODE):
        for perm in Permission.objects.using(using).select_related("content_type"):
            name = permission_label(perm.codename, perm.name, perm.content_type.model_class())
            if name and name != perm.name:
                perm.name = name[:255]
                changed.append(perm)
    Permission.objects.using(using).bulk_update(changed, ["name"])
    return len(changed)
