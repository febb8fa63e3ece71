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


def story_link(verbose_name, *, related_name: str = "+") -> models.ForeignKey:
    """An optional link to a story; the row stays if the story is deleted."""
    return models.ForeignKey(
        "stories.StoryPage",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )
