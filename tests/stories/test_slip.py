"""The review slip (审稿单) prints on one page, for the story's author and its reviewers."""

import re

from django.test import Client

from chenbao.core.roles import AD_DESK
from chenbao.stories import selectors, services, slip


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_review_slip_is_a_one_page_pdf_with_every_level(published):
    entries = list(selectors.review_slip(story=published))
    data = slip.slip_data(story=published, entries=entries)
    assert [level["label"] for level in data["levels"]] == ["初审", "复审", "终审"]
    assert [level["entries"][0]["reviewer"] for level in data["levels"]] == [
        "wang_editor",
        "zhao_head",
        "chen_chief",
    ]
    assert data["status"] == "已通过终审"
    pdf = slip.review_slip_pdf(story=published, entries=entries)
    assert pdf.startswith(b"%PDF") and pdf_pages(pdf) == 1


def test_a_long_slip_still_fits_one_page(draft, desk, pass_review):
    services.story_submit_for_review(story=draft, user=desk["reporter"])
    for _ in range(6):
        services.story_review(
            story=draft, user=desk["editor"], action="reject", opinion="改。" * 200
        )
        services.story_submit_for_review(story=draft, user=desk["reporter"])
    story = pass_review(draft)
    pdf = slip.review_slip_pdf(story=story, entries=list(selectors.review_slip(story=story)))
    assert pdf_pages(pdf) == 1


def test_review_slip_pdf_in_the_admin_needs_a_reviewer_or_the_author(published, desk, make_user):
    url = f"/admin/stories/{published.pk}/review-slip.pdf"
    client = Client()
    assert client.get(url).status_code == 302  # anonymous: to the login page
    for user, allowed in [
        (desk["reporter"], True),
        (desk["head"], True),
        (make_user("someone_in_ads", AD_DESK), False),
    ]:
        client.force_login(user)
        response = client.get(url)
        # Wagtail's admin answers a refusal with a redirect to the dashboard.
        assert (response.status_code, response.get("Location")) == (
            (200, None) if allowed else (302, "/admin/")
        ), user
    client.force_login(desk["editor"])
    assert client.get(url)["Content-Type"] == "application/pdf"
