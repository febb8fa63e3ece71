"""Reads of what has been published: an edition's manifest, a page's image and areas."""

from __future__ import annotations

import json
import logging

from django.conf import settings

from chenbao.render.services import MANIFEST, publish_storage

log = logging.getLogger(__name__)


def published_manifest(*, date) -> dict | None:
    """Return the published manifest of the edition of `date`, or None."""
    storage = publish_storage()
    name = f"{date:%Y-%m-%d}/{MANIFEST}"
    try:  # one request: a missing manifest is a FileNotFoundError (an OSError)
        with storage.open(name, "rb") as fh:
            return json.loads(fh.read())
    except (OSError, ValueError):
        return None
    except Exception:  # any backend's own error (an S3 403, a network failure)
        # The reader still gets the page as text; operators get the reason in the log.
        log.warning("published manifest %s could not be read", name, exc_info=True)
        return None


def published_page(*, date, number: str) -> dict | None:
    """Return the manifest entry of page `number`, with its file URLs, or None."""
    manifest = published_manifest(date=date)
    if not manifest or number not in manifest.get("pages", {}):
        return None
    page = dict(manifest["pages"][number])
    base = settings.CHENBAO["PUBLISH_URL"].rstrip("/") + f"/{date:%Y-%m-%d}/"
    for key in ("png", "pdf", "thumb", "html"):
        page[f"{key}_url"] = base + page[key]
    return page
