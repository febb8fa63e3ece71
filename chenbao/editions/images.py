"""Images a page prints (story photos, ad artwork, pictures), copied into the render root.

Each one is checked with Pillow first: one that cannot be read is left out and reported,
naming the page and the slot, and the page is still set.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from chenbao.editions.layout.arrange import Problem


class ImageCopier:
    """Copy images into the render root, checking each one can be read."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.problems: list[Problem] = []

    def copy(self, image, *, page: str, slot: str) -> str:
        """Return the image's path relative to the render root, or "" when unreadable."""
        if image is None:
            return ""
        name = getattr(image, "title", "") or "图片"
        try:
            with image.file.open("rb") as fh:
                data = fh.read()
            with Image.open(io.BytesIO(data)) as im:
                im.verify()
                fmt = (im.format or "png").lower()
        except (OSError, UnidentifiedImageError, ValueError) as exc:
            self.problems.append(
                Problem(
                    page,
                    slot,
                    "image",
                    f"{page}版 {slot}：图片《{name}》无法读取（{type(exc).__name__}），已略去该图",
                )
            )
            return ""
        digest = hashlib.sha256(data).hexdigest()[:16]
        target = self.root / "img" / f"{digest}.{'jpg' if fmt == 'jpeg' else fmt}"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.write_bytes(data)
        return "/" + str(target.relative_to(self.root))
