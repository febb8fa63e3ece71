from django.urls import path

from chenbao.figures import views

app_name = "figures"

urlpatterns = [
    path("chengnuo/", views.pledge_list, name="pledges"),
    path("chengnuo/<int:pk>/", views.pledge_detail, name="pledge"),
    path("shuju/<str:slug>/", views.indicator_detail, name="indicator"),
    path("shuju/<str:slug>.csv", views.indicator_csv, name="indicator_csv"),
    path("api/v1/indicators/", views.api_indicators, name="api_indicators"),
    path("api/v1/indicators/<str:slug>/", views.api_indicator, name="api_indicator"),
    path("api/v1/pledges/", views.api_pledges, name="api_pledges"),
    path("api/v1/pledges/<int:pk>/", views.api_pledge, name="api_pledge"),
]
