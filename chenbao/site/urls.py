from django.urls import path, re_path

from chenbao.site import views

app_name = "site"

urlpatterns = [
    path("", views.front, name="front"),
    path("epaper/", views.epaper_index, name="epaper_index"),
    path("epaper/years/<int:year>/", views.epaper_year, name="epaper_year"),
    path("epaper/<str:date>/", views.edition_detail, name="edition"),
    re_path(
        r"^epaper/(?P<date>[^/]+)/(?P<step>previous|next)/$",
        views.edition_step,
        name="edition_step",
    ),
    path("epaper/<str:date>/<str:number>/", views.page_detail, name="page"),
    # The published files (images, PDFs), from the publish directory: for the demo and
    # small installs; nginx or a CDN serves them in production (docs/render.md).
    re_path(r"^epaper-files/(?P<path>.*)$", views.published_file, name="files"),
]
