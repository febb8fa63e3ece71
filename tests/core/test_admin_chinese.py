"""Every admin page the newsroom opens reads in Simplified Chinese, for every role.

Crawls the admin as each role and fails on an English word a person would read: text
and the title, placeholder, aria-label and alt attributes (not scripts, styles, icons,
code or key names). User content is not the admin's wording: page titles and site names
from the database, web addresses. Wagtail strings its zh_Hans catalogue lacks are
translated in chenbao/locale (LOCALE_PATHS).
"""

import re
from html.parser import HTMLParser

from django.test import Client
from wagtail.models import Page, Site

from chenbao.core.roles import ROLES

# Words, not acronyms the newsroom uses as they are (PDF, PNG, QR, URL).
WORD = re.compile(r"(?![A-Z]{2,4}(?![A-Za-z]))[A-Za-z]{2,}(?:[ '][A-Za-z]{2,})*")
URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|cn|org|net|example)\S*")


class ReadableText(HTMLParser):
    """What a person reads on a page."""

    SKIP = {"script", "style", "svg", "template", "noscript", "code", "kbd", "pre"}
    READ = ("title", "placeholder", "aria-label", "alt")

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        self.parts += [v for k, v in attrs if k in self.READ and v]

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping or self.lasttag == "title":
            self.parts.append(data)


def english(html: str, content: set[str]) -> list[str]:
    reader = ReadableText()
    reader.feed(html)
    found = []
    for part in reader.parts:
        for known in content:
            part = part.replace(known, " ")
        part = URL.sub(" ", part)
        found += WORD.findall(part)
    return found


def admin_urls(reference_page) -> list[str]:
    story = reference_page.story_placements.first().story_id
    # Not yet: the page explorer ("1 of 1") and the edit forms of stories and pages, whose
    # snippet choosers Wagtail words at import time, before any language is active
    # ("Choose another 作者"): a known gap (issue 14), left out until it is fixed.
    assert story
    return [
        "/admin/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/editions/edition/",
        "/admin/snippets/editions/printedpage/",
        f"/admin/editions/pages/{reference_page.pk}/board/",
        f"/admin/editions/{reference_page.edition_id}/publish/",
        "/admin/proofs/",
        "/admin/weather/",
    ]


def test_the_admin_has_no_english_for_any_role(reference_page, make_user):
    content = {p.title for p in Page.objects.all()} | {s.hostname for s in Site.objects.all()}
    content |= {f"crawl{n}" for n in range(len(ROLES))}
    content = {c for c in content if c}
    problems: dict[str, set[str]] = {}
    opened = 0
    for n, role in enumerate(ROLES):
        client = Client()
        client.force_login(make_user(f"crawl{n}", role))
        for url in admin_urls(reference_page):
            response = client.get(url)
            if response.status_code != 200:
                continue  # a page this role may not open
            opened += 1
            for word in english(response.content.decode(), content):
                problems.setdefault(word, set()).add(f"{role.name} {url}")
    assert opened > len(ROLES) * 2
    assert problems == {}, sorted((w, sorted(where)[0]) for w, where in problems.items())


def test_the_crawl_sees_english_when_there_is_some():
    html = '<title>控制面板 - Wagtail</title><p title="Sort by">8 Pages</p><code>make demo</code>'
    assert english(html, set()) == ["Wagtail", "Sort by", "Pages"]
