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
URL = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w.-]+|\b[\w.-]+\.(?:com|cn|org|net|example)\S*"
)


class ReadableText(HTMLParser):
    """What a person reads on a page."""

    SKIP = {"script", "style", "svg", "template", "noscript", "code", "kbd", "pre"}
    READ = ("title", "placeholder", "aria-label", "alt")
    UNSEEN = {"link", "meta"}  # their attributes are for machines (rel="alternate" title=…)
    VOID = {"input", "img", "br", "hr", "link", "meta", "source", "area", "col", "wbr"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0
        self.closing: list[str] = []  # skipped elements still open (SKIP tags, `hidden`)

    def handle_starttag(self, tag, attrs):
        names = {k for k, _v in attrs}
        if tag in self.SKIP or ("hidden" in names and tag not in self.VOID):
            self.skipping += 1
            self.closing.append(tag)
        if tag not in self.UNSEEN:
            self.parts += [v for k, v in attrs if k in self.READ and v]

    def handle_endtag(self, tag):
        if self.closing and self.closing[-1] == tag:
            self.closing.pop()
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping or self.lasttag == "title":
            self.parts.append(data)


def english(html: str, content: set[str]) -> list[str]:
    reader = ReadableText()
    reader.feed(html)
    found = []
    for part in reader.parts:
        for known in sorted(content, key=len, reverse=True):  # chief_editor before editor
            part = part.replace(known, " ")
        part = URL.sub(" ", part)
        found += WORD.findall(part)
    return found


def admin_urls(reference_page) -> list[str]:
    story = reference_page.story_placements.first().story_id
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{story}/edit/",  # the byline's snippet chooser (core/snippets.py)
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


class Links(HTMLParser):
    """The admin pages a page links to (GET links only: forms are not submitted)."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.hrefs.append(href)


# Links a crawl does not follow: leaving, downloads, Django's own admin, Wagtail's pages for
# developers (style guide, icons) and the explorer's per-page history of Wagtail's own pages.
SKIP = re.compile(
    r"^/admin/(logout|styleguide|reports/(site-history|aging-pages)|.*/(export|download|csv)\b)"
    r"|\.(csv|xlsx|pdf|zip)(\?|$)|^/django-admin/"
)


def crawl(client, starts: list[str], limit: int) -> list[tuple[str, str]]:
    """Follow the admin's own links from `starts`, one page of each URL shape (digits and
    query values aside); return (url, html) of the pages that answered 200."""
    seen_shapes: set[str] = set()
    queue, pages = list(starts), []
    while queue and len(pages) < limit:
        url = queue.pop(0)
        shape = re.sub(r"\d+", "N", url.split("?")[0]) + ("?" if "?" in url else "")
        if shape in seen_shapes:
            continue
        seen_shapes.add(shape)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages.append((url, html))
        links = Links()
        links.feed(html)
        # The sidebar's menu is drawn by script from JSON ("url": "/admin/…").
        for href in links.hrefs + re.findall(r'"url": "(/admin/[^"]*)"', html):
            href = href.split("#")[0]
            if href.startswith("/admin/") and not SKIP.search(href):
                queue.append(href)
    return pages


def test_every_admin_page_a_role_reaches_by_its_links_is_chinese(reference_page, make_user):
    """The newsroom's own walk: from the dashboard, every page each role can reach by
    following links (the story editor, the explorer, the desks and their lists)."""
    content = {p.title for p in Page.objects.all()} | {s.hostname for s in Site.objects.all()}
    content |= {f"walk{n}" for n in range(len(ROLES))}
    content = {c for c in content if c}
    problems: dict[str, set[str]] = {}
    reached = 0
    story = reference_page.story_placements.first().story_id
    # The dashboard, and the pages a link-shape would stand for once only: a story's editor
    # (not the home page's), its section's list.
    starts = ["/admin/", f"/admin/pages/{story}/edit/", f"/admin/pages/{story}/history/"]
    for n, role in enumerate(ROLES):
        client = Client()
        client.force_login(make_user(f"walk{n}", role))
        for url, html in crawl(client, starts, limit=60):
            reached += 1
            for word in english(html, content):
                problems.setdefault(word, set()).add(f"{role.name} {url}")
    assert reached > len(ROLES) * 5
    assert problems == {}, "\n".join(f"{w!r} {sorted(where)[0]}" for w, where in problems.items())


def test_the_crawl_sees_english_when_there_is_some():
    html = '<title>控制面板 - Wagtail</title><p title="Sort by">8 Pages</p><code>make demo</code>'
    assert english(html, set()) == ["Wagtail", "Sort by", "Pages"]
    # Hidden elements and machine-read attributes are not read; what follows them is.
    html = '<div hidden><b>None</b></div><link title="ninjs"><p>Choose another 作者</p>'
    assert english(html, set()) == ["Choose another"]


def test_the_demo_newsroom_reads_in_chinese_for_every_role(db):
    """The same walk over `chenbao demo`'s newsroom, which has something on every desk:
    tips, bookings with artwork, figures and pledges, stories in review, and the
    administrator's users, groups, sites and workflows. User content is left out: titles,
    user names, the names of uploaded files."""
    import io

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from wagtail.images.models import Image

    from chenbao.ads.models import AdMaterial

    call_command("demo", stdout=io.StringIO())
    users = get_user_model().objects.all()
    content = {p.title for p in Page.objects.all()} | {s.hostname for s in Site.objects.all()}
    content |= {u.get_username() for u in users} | {u.get_full_name() for u in users}
    files = [m.file.name for m in AdMaterial.objects.all()]
    files += [i.file.name for i in Image.objects.all()]
    content |= set(files) | {name.rsplit("/", 1)[-1] for name in files}
    content |= {i.title for i in Image.objects.all()}
    content = {c for c in content if c}
    problems: dict[str, set[str]] = {}
    reached = 0
    for role in ROLES:
        user = users.filter(groups__name=role.name).first()
        assert user is not None, f"the demo has no {role.name}"
        client = Client()
        client.force_login(user)
        for url, html in crawl(client, ["/admin/"], limit=150):
            reached += 1
            for word in english(html, content):
                problems.setdefault(word, set()).add(f"{role.name} {url}")
    assert reached > 300
    assert problems == {}, "\n".join(f"{w!r} {sorted(where)[0]}" for w, where in problems.items())
