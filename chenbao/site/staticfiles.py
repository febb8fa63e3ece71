"""collectstatic for production: names carrying the content's hash (served for a year)."""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage


class HashedStaticFilesStorage(ManifestStaticFilesStorage):
    """Django's manifest storage, without rewriting JavaScript's `//# sourceMappingURL`.

    Vendored minified scripts keep that comment while their `.map` is not shipped; Django
    would refuse the whole collectstatic over a file only a browser's developer tools ask
    for. Stylesheets' `url()` and `@import` are still rewritten to the hashed names.
    """

    patterns = tuple(p for p in ManifestStaticFilesStorage.patterns if p[0] != "*.js")
