from django.urls import path

from chenbao.rewards import desk

app_name = "rewards_desk"

urlpatterns = [
    path("", desk.reward_list, name="list"),
    path("report/", desk.report, name="report"),
    path("<int:reward_id>/act/", desk.reward_act, name="act"),
]
