from django.urls import path

from . import views

app_name = "budgeting"
urlpatterns = [
    path("", views.round_list, name="list"),
    path("nieuw/", views.RoundCreate.as_view(), name="round_create"),
    path("kiesgerechtigden/", views.Voters.as_view(), name="voters"),
    path("importeren/", views.ImportPb.as_view(), name="import"),
    path("<slug:slug>/", views.round_detail, name="round"),
    path("<slug:slug>/instellingen/", views.RoundEdit.as_view(), name="round_edit"),
    path("<slug:slug>/plannen/nieuw/", views.PlanCreate.as_view(), name="plan_create"),
    path("<slug:slug>/plannen/van-initiatief/", views.PlanFromInitiative.as_view(), name="plan_from_initiative"),
    path("<slug:slug>/plannen/<int:pk>/", views.plan_detail, name="plan"),
    path("<slug:slug>/plannen/<int:pk>/steunen/", views.PlanSupport.as_view(), name="plan_support"),
    path("<slug:slug>/plannen/<int:pk>/haalbaarheid/", views.PlanFeasibility.as_view(), name="plan_feasibility"),
    path("<slug:slug>/plannen/<int:pk>/voortgang/", views.PlanUpdate.as_view(), name="plan_update"),
    path("<slug:slug>/stemcode/", views.CodeEntry.as_view(), name="code"),
    path("<slug:slug>/stemmen/", views.Ballot.as_view(), name="ballot"),
    path("<slug:slug>/stemcodes/", views.CodeLetters.as_view(), name="code_letters"),
    path("<slug:slug>/uitslag/", views.result, name="result"),
    path("<slug:slug>/uitslag/tellen/", views.ResultCount.as_view(), name="result_count"),
    path("<slug:slug>/uitslag/publiceren/", views.ResultPublish.as_view(), name="result_publish"),
    path("<slug:slug>/uitslag.pb", views.result_pb, name="result_pb"),
]
