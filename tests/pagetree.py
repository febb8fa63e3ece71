"""Wagtail's page tree for tests that run after a live-server test flushed the database."""


def ensure_page_tree() -> None:
    """Recreate what Wagtail's migrations made (the default locale, the root page) if an
    earlier transactional test (a browser test with a live server) flushed the database."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.utils.translation import get_supported_language_variant
    from wagtail.models import Locale, Page

    # The flush re-created the content types under new ids; forget the cached ones.
    ContentType.objects.clear_cache()
    Locale.objects.get_or_create(
        language_code=get_supported_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(
            instance=Page(
                title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)
            )
        )
