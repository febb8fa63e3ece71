from django.urls import path

from chenbao.archive import api, views

app_name = "archive"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("api/v1/search", api.search, name="api_search"),
]
