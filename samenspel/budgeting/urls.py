from django.urls import path

from . import views

app_name = "budgeting"
urlpatterns = [
    path("", views.round_list, name="list"),
    path("nieuw/", views.round_create, name="round_create"),
    path("kiesgerechtigden/", views.voters, name="voters"),
    path("importeren/", views.import_pb, name="import"),
    path("<slug:slug>/", views.round_detail, name="round"),
    path("<slug:slug>/instellingen/", views.round_edit, name="round_edit"),
    path("<slug:slug>/plannen/nieuw/", views.plan_create, name="plan_create"),
    path("<slug:slug>/plannen/van-initiatief/", views.plan_from_initiative, name="plan_from_initiative"),
    path("<slug:slug>/plannen/<int:pk>/", views.plan_detail, name="plan"),
    path("<slug:slug>/plannen/<int:pk>/steunen/", views.plan_support, name="plan_support"),
    path("<slug:slug>/plannen/<int:pk>/haalbaarheid/", views.plan_feasibility, name="plan_feasibility"),
    path("<slug:slug>/plannen/<int:pk>/voortgang/", views.plan_update, name="plan_update"),
    path("<slug:slug>/stemcode/", views.code_entry, name="code"),
    path("<slug:slug>/stemmen/", views.ballot, name="ballot"),
    path("<slug:slug>/stemcodes/", views.code_letters, name="code_letters"),
    path("<slug:slug>/uitslag/", views.result, name="result"),
    path("<slug:slug>/uitslag/tellen/", views.result_count, name="result_count"),
    path("<slug:slug>/uitslag/publiceren/", views.result_publish, name="result_publish"),
    path("<slug:slug>/uitslag.pb", views.result_pb, name="result_pb"),
]
