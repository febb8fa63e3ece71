"""Four labels of Wagtail's settings area that Wagtail writes from code, worded here.

Wagtail's list of sites heads three columns with their field names ("Port", "Site name",
"Root page", `wagtail.sites.views.IndexView`), and the page chooser in a group's and a
workflow's form is labelled with the field's name ("Page"). No translation catalogue
reaches a name in code, so the newsroom's system administrator read English there
(decision 0026). At start-up the labels are set to the models' own (translated) names.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


def wagtail_labels_worded() -> None:
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.models import Site
    from wagtail.sites.views import IndexView
    from wagtail.users.forms import PagePermissionsForm

    for column in IndexView.columns:
        if column.name in ("port", "site_name", "root_page"):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)
    for form in (PagePermissionsForm, WorkflowPageForm):
        form.base_fields["page"].label = _("页面")
