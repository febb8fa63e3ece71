"""What every block module is given: the page being built and what it holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from chenbao.editions.images import ImageCopier
from chenbao.editions.layout.model import (
    AdContent,
    Grid,
    Slot,
    StoryContent,
    TiplineContent,
    WeatherContent,
)


@dataclass
class PageContext:
    """A printed page being turned into its layout model, with its contents read once."""

    printed: Any  # editions.models.PrintedPage
    base_url: str
    images: ImageCopier
    grid: Grid
    stories: dict[int, StoryContent] = field(default_factory=dict)  # by story id, shown ones
    weather: WeatherContent | None = None
    tipline: TiplineContent | None = None
    ads: dict[int, tuple[AdContent, int, float]] = field(default_factory=dict)  # by placement

    @property
    def key(self) -> str:
        return self.printed.number


# A block module's `slot(row, base, ctx, n)`: the layout slot for one of the page editor's
# PageSlot rows (`base` holds its key, kind and place), or None to leave it out.
SlotBuilder = Callable[[Any, dict, PageContext, int], Slot | None]
