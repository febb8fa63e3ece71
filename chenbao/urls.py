from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    # Each app's own URLs; every newsroom URL needs a login and a role.
    path("", include("chenbao.tips.urls")),
    path("", include("chenbao.stories.urls")),
    path("", include("chenbao.site.urls")),
    path("", include("chenbao.archive.urls")),
    path("", include("chenbao.figures.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves the story pages; it must come last.
urlpatterns.append(path("", include(wagtail_urls)))
