"""Model fields the apps declare alike."""

from django.db import models


def image_link(verbose_name) -> models.ForeignKey:
    """An optional link to an image of Wagtail's library; the row stays if the image goes."""
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
