from django.conf import settings
from django.urls import re_path
from django.views.static import serve

# The published e-paper, served from the publish directory (for the demo and small
# installs; a web server or CDN serves it in production, see docs/render.md).
urlpatterns: list = [
    re_path(
        r"^epaper-files/(?P<path>.*)$",
        serve,
        {"document_root": settings.CHENBAO["PUBLISH_DIR"]},
        name="render_published",
    ),
]
