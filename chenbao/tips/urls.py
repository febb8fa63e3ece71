from django.urls import path

from chenbao.tips import api, views

app_name = "tips"

urlpatterns = [
    path("baoliao/", views.submit, name="submit"),
    path("baoliao/chat/", views.chat, name="chat"),
    path("baoliao/privacy/", views.privacy, name="privacy"),
    path("api/v1/tips", api.tips_create, name="api_create"),
    path("api/v1/tips/current", api.tips_current, name="api_current"),
    path("api/v1/tips/current/messages", api.tips_current_messages, name="api_messages"),
    path("api/v1/tips/current/files/<str:n>", api.tips_current_file, name="api_file"),
    path("api/v1/openapi.json", api.openapi, name="openapi"),
]
