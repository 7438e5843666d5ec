from django.urls import path

from . import views

app_name = "coaching"
urlpatterns = [
    path("begeleiding/", views.queue, name="queue"),
    path("begeleiding/<slug:slug>/", views.initiative_desk, name="initiative"),
    path("begeleiding/<slug:slug>/toewijzen/", views.AssignCoach.as_view(), name="assign"),
    path("begeleiding/<slug:slug>/status/", views.Transition.as_view(), name="transition"),
    path("begeleiding/<slug:slug>/notities/", views.AddNote.as_view(), name="add_note"),
    path("begeleiding/<slug:slug>/afspraken/", views.team, name="team"),
    path("begeleiding/<slug:slug>/afspraken/nieuw/", views.AddAgreement.as_view(), name="add_agreement"),
    path(
        "begeleiding/<slug:slug>/afspraken/<int:pk>/stand/", views.SetAgreementStatus.as_view(), name="agreement_status"
    ),
    path("begeleiding/<slug:slug>/knelpunten/", views.AddObstacle.as_view(), name="add_obstacle"),
    path(
        "begeleiding/<slug:slug>/knelpunten/<int:pk>/besluit/", views.DecideObstacle.as_view(), name="decide_obstacle"
    ),
    path("regelknelpunten/", views.rule_register, name="register"),
    path("regelknelpunten/<int:pk>/", views.rule_detail, name="rule"),
]
