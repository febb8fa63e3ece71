"""Where the published e-paper and print files go, and where readers fetch them from.

A directory by default (PUBLISH_DIR, else MEDIA_ROOT/epaper); S3-compatible object storage
when the "publish" storage is configured (chenbao/editions/s3.py, docs/render.md).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages


def publish_storage(out_dir: str | Path | None = None) -> Storage:
    """Return where published files go: `out_dir`, the "publish" storage, or var/publish."""
    if out_dir:
        return FileSystemStorage(location=str(out_dir), base_url="/")
    if "publish" in settings.STORAGES:
        return storages["publish"]
    return FileSystemStorage(location=str(publish_dir()), base_url="/")


def publish_dir() -> Path:
    """The directory published files go to when no other storage is configured."""
    return Path(settings.CHENBAO["PUBLISH_DIR"] or Path(settings.MEDIA_ROOT) / "epaper")


def published_url(path: str) -> str:
    """Return the public URL of a published file, `path` relative to the storage's root."""
    return settings.CHENBAO["PUBLISH_URL"].rstrip("/") + "/" + path.lstrip("/")
