"""A story as IPTC ninjs 2.2 (News in JSON): docs/schemas/ninjs-schema_2.2.json."""

import re

from django.conf import settings
from django.utils.html import escape

NINJS_STANDARD = {
    "name": "ninjs",
    "version": "2.2",
    "schema": "https://www.iptc.org/std/ninjs/ninjs-schema_2.2.json",
}
# The place at the start of a dateline: 淄博12月1日讯 -> 淄博.
DATELINE_PLACE = re.compile(r"^(?:本报)?([^\d０-９]+?)(?:[\d０-９]|电|讯|$)")


def story_uri(pk: int) -> str:
    return f"urn:chenbao:story:{pk}"


def story_to_ninjs(story, *, url: str = "") -> dict:
    """Return the published story as a ninjs 2.2 object (a dict ready for json.dumps)."""
    bylines = list(story.bylines.all())
    headlines = [{"role": "main", "value": story.title}]
    if story.kicker:
        headlines.insert(0, {"role": "kicker", "value": story.kicker})
    if story.subtitle:
        headlines.append({"role": "subtitle", "value": story.subtitle})
    body = body_html(story)
    item: dict = {
        "uri": story_uri(story.pk),
        "standard": NINJS_STANDARD,
        "type": "text",
        "representationtype": "full",
        "version": str(story.live_revision_id or story.latest_revision_id or 1),
        "pubstatus": "usable",
        "language": "zh-Hans",
        "copyrightholder": settings.CHENBAO["PAPER_NAME"],
        "headlines": headlines,
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "charcount": len(re.sub(r"<[^>]+>", "", body)),
                "value": body,
            }
        ],
    }
    if story.first_published_at:
        item["firstcreated"] = story.first_published_at.isoformat()
    if story.last_published_at:
        item["versioncreated"] = story.last_published_at.isoformat()
    if bylines:
        item["people"] = [{"name": b.contributor.name, "rel": b.role} for b in bylines]
        organisations = list(dict.fromkeys(b.organisation for b in bylines if b.organisation))
        if organisations:
            item["organisations"] = [{"name": name, "rel": "employer"} for name in organisations]
        item["by"] = story.byline_text()
    descriptions = []
    if story.dateline:
        descriptions.append({"role": "dateline", "value": story.dateline})
        match = DATELINE_PLACE.match(story.dateline)
        if match:
            item["located"] = match.group(1)
    for correction in story.corrections.all():
        descriptions.append(
            {"role": "correction", "value": f"{correction.created_at:%Y-%m-%d} {correction.note}"}
        )
    if descriptions:
        item["descriptions"] = descriptions
    if url:
        item["renditions"] = [{"name": "web", "href": url, "contenttype": "text/html"}]
    return item


def withdrawn_ninjs(pk: int, *, reason: str) -> dict:
    """Return the ninjs object telling receivers a story was withdrawn (pubstatus canceled)."""
    return {
        "uri": story_uri(pk),
        "standard": NINJS_STANDARD,
        "type": "text",
        "pubstatus": "canceled",
        "ednote": f"撤稿：{reason}",
    }


def body_html(story) -> str:
    """Return the story's body as simple HTML: the dateline opens the first paragraph."""
    parts: list[str] = []
    dateline_done = not story.dateline
    for block in story.body:
        if block.block_type == "paragraph":
            text: str = escape(block.value)
            if not dateline_done:
                text = f'<span class="dateline">{escape(story.dateline)}</span>{text}'
                dateline_done = True
            parts.append(f"<p>{text}</p>")
        elif block.block_type == "subhead":
            parts.append(f"<h3>{escape(block.value)}</h3>")
        elif block.block_type == "image":
            caption = block.value.get("caption") or ""
            credit = block.value.get("credit") or {}
            credit_text = " ".join(filter(None, [credit.get("role"), credit.get("name")]))
            parts.append(
                f"<figure><figcaption>{escape(caption)}"
                + (f" {escape(credit_text)}" if credit_text else "")
                + "</figcaption></figure>"
            )
    return "\n".join(parts)
