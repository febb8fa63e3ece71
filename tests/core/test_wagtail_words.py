"""Wagtail's site list columns and page choosers are labelled in the site's language."""

from django.utils import translation

from chenbao.core.wagtail_words import wagtail_labels_worded


def test_site_columns_and_page_choosers_read_in_chinese():
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.sites.views import IndexView
    from wagtail.users.forms import PagePermissionsForm

    wagtail_labels_worded()
    with translation.override("zh-hans"):
        labels = {c.name: str(c.label) for c in IndexView.columns}
        assert labels["port"] != "Port" and labels["site_name"] != "Site name"
        assert labels["root_page"] != "Root page"
        assert str(PagePermissionsForm.base_fields["page"].label) == "页面"
        assert str(WorkflowPageForm.base_fields["page"].label) == "页面"
