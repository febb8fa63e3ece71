from django.urls import path

from chenbao.tips import desk

app_name = "tips_desk"

urlpatterns = [
    path("", desk.inbox, name="inbox"),
    path("hotline/", desk.hotline, name="hotline"),
    path("import/", desk.chat_import, name="import"),
    path("<int:tip_id>/", desk.detail, name="detail"),
    path("<int:tip_id>/act/", desk.act, name="act"),
    path("<int:tip_id>/files/<int:file_id>/", desk.file, name="file"),
]
