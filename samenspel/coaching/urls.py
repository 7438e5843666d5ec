from django.urls import path

from . import views

app_name = "coaching"
urlpatterns = [
    path("begeleiding/", views.queue, name="queue"),
    path("begeleiding/<slug:slug>/", views.initiative_desk, name="initiative"),
    path("begeleiding/<slug:slug>/toewijzen/", views.assign, name="assign"),
    path("begeleiding/<slug:slug>/status/", views.transition, name="transition"),
    path("begeleiding/<slug:slug>/notities/", views.add_note, name="add_note"),
    path("begeleiding/<slug:slug>/afspraken/", views.team, name="team"),
    path("begeleiding/<slug:slug>/afspraken/nieuw/", views.add_agreement, name="add_agreement"),
    path("begeleiding/<slug:slug>/afspraken/<int:pk>/stand/", views.agreement_status, name="agreement_status"),
    path("begeleiding/<slug:slug>/knelpunten/", views.add_obstacle, name="add_obstacle"),
    path("begeleiding/<slug:slug>/knelpunten/<int:pk>/besluit/", views.decide_obstacle, name="decide_obstacle"),
    path("regelknelpunten/", views.rule_register, name="register"),
    path("regelknelpunten/<int:pk>/", views.rule_detail, name="rule"),
]
