"""Private storage of tip files: outside MEDIA_ROOT, never served without a desk login."""

import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils import timezone


def tip_storage() -> FileSystemStorage:
    """Readers' photos and videos: files 0600 and folders 0700, whatever the umask."""
    return FileSystemStorage(
        location=settings.CHENBAO["TIP_FILES_ROOT"],
        base_url=None,
        file_permissions_mode=0o600,
        directory_permissions_mode=0o700,
    )


def store(data: bytes, ext: str) -> str:
    """Save `data` under a fresh random name and return that name."""
    now = timezone.now()
    name = f"{now:%Y/%m}/{secrets.token_hex(16)}{ext}"
    return tip_storage().save(name, ContentFile(data))


def remove(name: str) -> None:
    tip_storage().delete(name)
