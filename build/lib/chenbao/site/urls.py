from django.urls import path

from chenbao.site import views

app_name = "site"

urlpatterns = [
    path("", views.front, name="front"),
    path("epaper/", views.epaper_index, name="epaper_index"),
    path("epaper/<str:date>/", views.edition_detail, name="edition"),
    path("epaper/<str:date>/<str:number>/", views.page_detail, name="page"),
]
