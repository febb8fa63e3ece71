"""The story block (稿件): a StoryPage as printed. Typst part: typst/story.typ."""

from __future__ import annotations

from chenbao.core.punctuation import zh_punctuation
from chenbao.editions.blocks.base import PageContext
from chenbao.editions.images import ImageCopier
from chenbao.editions.layout.arrange import headline_size, largest_headline
from chenbao.editions.layout.model import Block, Slot, StoryContent


def story_content(story, *, base_url: str, images: ImageCopier, page: str, slot: str):
    """Return the printed form of a StoryPage."""
    blocks: list[Block] = []
    for block in story.body:
        if block.block_type == "paragraph":
            blocks.append(Block("paragraph", zh_punctuation(str(block.value))))
        elif block.block_type == "subhead":
            blocks.append(Block("subhead", zh_punctuation(str(block.value))))
        elif block.block_type == "image":
            value = block.value
            credit = value.get("credit") or {}
            credit_text = " ".join(x for x in (credit.get("role"), credit.get("name")) if x)
            path = images.copy(value.get("image"), page=page, slot=slot)
            caption = zh_punctuation(value.get("caption") or "")
            if path or caption:
                blocks.append(Block("image", caption, image=path, credit=credit_text))
    bylines = story.byline_text()
    url = story.get_url() or ""
    if url.startswith("/"):
        url = base_url.rstrip("/") + url
    # The archive keeps the text as it came; print shows it with Chinese punctuation
    # (core/punctuation.py, decision 0024), as the story's web page does.
    return StoryContent(
        key=f"story-{story.pk}",
        headline=zh_punctuation(story.title),
        kicker=zh_punctuation(story.kicker),
        subtitle=zh_punctuation(story.subtitle),
        dateline=zh_punctuation(story.dateline),
        blocks=tuple(blocks),
        bylines=zh_punctuation(bylines),
        url=url,
    )


def page_stories(ctx: PageContext) -> dict[int, StoryContent]:
    """Return the page's stories readers may see (withdrawn ones left out), in order."""
    from chenbao.editions.selectors import placements_shown

    return {
        p.story_id: story_content(
            p.story.specific,
            base_url=ctx.base_url,
            images=ctx.images,
            page=ctx.key,
            slot=f"story-{i}",
        )
        for i, p in enumerate(placements_shown(page=ctx.printed), start=1)
    }


def slot(row, base: dict, ctx: PageContext, n: int) -> Slot:
    """The slot of a story the page editor placed (a story not on the page is fetched)."""
    story = ctx.stories.get(row.story_id) if row.story_id else None
    if story is None and row.story_id and not row.story.is_withdrawn:
        story = story_content(
            row.story.specific,
            base_url=ctx.base_url,
            images=ctx.images,
            page=ctx.key,
            slot=base["key"],
        )
    width = ctx.grid.span_width(max(1, row.span))
    size = (
        headline_size(story.headline, width, largest=largest_headline(row.span, n == 1))
        if story
        else 0
    )
    return Slot(**base, story=story, body_columns=row.body_columns or row.span, headline_size=size)
