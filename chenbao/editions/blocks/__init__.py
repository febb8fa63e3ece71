"""The kinds of thing a printed page holds (版面元素), one module each.

Each module takes its kind from the database into the page model (layout/model.py) and
says how the e-paper shows it; its Typst part sits beside the page template
(typst/<kind>.typ). A change to the tip-line banner is a change to `tipline.py` and
`tipline.typ`.

| kind | module | what |
|---|---|---|
| story | story.py | a story (稿件): kicker, headline, subtitle, dateline, body, bylines |
| weather | weather.py | the weather box (天气预报) |
| tipline | tipline.py | the tip-line banner (爆料栏): hotline, slogans, the QR code |
| ad | ad.py | an ad or a public-service ad (广告, 公益广告) |
| picture | picture.py | a photo set on its own (图片) |
"""

from collections.abc import Callable

from chenbao.editions.blocks import ad, picture, story, tipline, weather
from chenbao.editions.blocks.base import PageContext, SlotBuilder
from chenbao.editions.layout.model import Page, Slot

SLOT_BUILDERS: dict[str, SlotBuilder] = {
    "story": story.slot,
    "weather": weather.slot,
    "tipline": tipline.slot,
    "ad": ad.slot,
    "picture": picture.slot,
}

# What the e-paper page shows of each kind besides the page image (stories are its areas).
WEB: dict[str, Callable[[Slot], dict]] = {
    "weather": weather.web,
    "tipline": tipline.web,
    "ad": ad.web,
    "picture": picture.web,
}


def web_parts(page: Page) -> dict[str, list[dict]]:
    """Return, by kind, what the e-paper page shows of the page's blocks, in page order."""
    parts: dict[str, list[dict]] = {kind: [] for kind in WEB}
    for slot in page.slots:
        if slot.kind in WEB:
            parts[slot.kind].append(WEB[slot.kind](slot))
    return parts


__all__ = [
    "SLOT_BUILDERS",
    "WEB",
    "PageContext",
    "ad",
    "picture",
    "story",
    "tipline",
    "weather",
    "web_parts",
]
