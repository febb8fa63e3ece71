"""As 编辑, in Chromium: at 初审 the main button is 通过 with the opinion field, not 保存草稿."""

import pytest

from chenbao.stories import services
from chenbao.stories.models import ReviewSlipEntry, StoryPage
from tests.browser import desktop_page
from tests.editions.test_browser import grant_role

pytestmark = pytest.mark.browser


@pytest.fixture
def page_root(transactional_db):
    """What the migrations made and an earlier transactional test's flush may have removed:
    the page tree's root, the locale, the roles and the 三审 workflow."""
    import importlib

    from django.apps import apps
    from wagtail.models import Locale, Page, Workflow

    Locale.objects.get_or_create(language_code="zh-hans")
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    if not Workflow.objects.exists():
        for module, function in (
            ("chenbao.core.migrations.0002_roles", "create_roles"),
            ("chenbao.core.migrations.0003_role_permissions", "grant"),
            ("chenbao.stories.migrations.0003_review_workflow", "create_workflow"),
        ):
            getattr(importlib.import_module(module), function)(apps, None)
    return root


def test_the_first_reviewer_passes_a_story_with_an_opinion_from_the_main_button(
    page_root, live_server, draft, desk
):
    from playwright.sync_api import expect

    grant_role("编辑")
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    with desktop_page() as page:
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", "wang_editor")
        page.fill("#id_password", "pw-wang_editor")
        page.locator("form button[type=submit]").click()
        page.wait_for_url("**/admin/")
        page.goto(f"{live_server.url}/admin/pages/{draft.pk}/edit/")

        main = page.locator("footer [data-workflow-action-name]").first
        expect(main).to_be_visible()
        expect(main).to_contain_text("通过")
        save_draft = page.locator("footer button[name=action-save], footer [value=action-save]")
        if save_draft.count():
            expect(save_draft.first).to_be_hidden()  # in the menu, no longer the main button
        main.click()
        opinion = page.locator("textarea[name=comment]")
        expect(opinion).to_be_visible(timeout=10000)
        opinion.fill("事实清楚，数据已核，同意")
        page.locator(".modal button[type=submit]").click()
        # Wagtail submits the page with the decision and shows its message.
        expect(page.locator(".messages")).to_contain_text("已", timeout=30000)

    story = StoryPage.objects.get(pk=draft.pk)
    assert story.current_workflow_task.name == "复审"
    entry = ReviewSlipEntry.objects.get(story=draft)
    assert (entry.decision, entry.opinion) == ("pass", "事实清楚，数据已核，同意")
