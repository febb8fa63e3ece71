from django.urls import path, re_path
from django.views.static import serve

from chenbao.render import views
from chenbao.render.services import publish_dir

urlpatterns: list = [
    path(
        "newsroom/publish/<int:edition_id>/",
        views.edition_publish_view,
        name="render_edition_publish",
    ),
    # The published e-paper, served from the publish directory (for the demo and small
    # installs; a web server or CDN serves it in production, see docs/render.md).
    re_path(
        r"^epaper-files/(?P<path>.*)$",
        serve,
        {"document_root": publish_dir()},
        name="render_published",
    ),
]
