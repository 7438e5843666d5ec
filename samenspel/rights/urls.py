from django.urls import path

from . import views

app_name = "rights"
urlpatterns = [
    path("", views.register, name="register"),
    path("verordening/", views.ordinance, name="ordinance"),
    path("verordening/nieuw/", views.AdoptOrdinance.as_view(), name="adopt"),
    path("export.csv", views.export_csv, name="export"),
    path("nieuw/<slug:right>/", views.NewRequest.as_view(), name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.EditRequest.as_view(), name="edit"),
    path("<int:pk>/indienen/", views.Submit.as_view(), name="submit"),
    path("<int:pk>/aanvulling/", views.Answer.as_view(), name="answer"),
    path("<int:pk>/steunen/", views.SupportRequest.as_view(), name="support"),
    path("<int:pk>/behandeling/", views.desk, name="desk"),
    path("<int:pk>/behandeling/behandelaar/", views.AssignCoach.as_view(), name="assign"),
    path("<int:pk>/behandeling/aanvulling/", views.RequestInfo.as_view(), name="request_info"),
    path("<int:pk>/behandeling/ontvankelijkheid/", views.DecideAdmissibility.as_view(), name="admissibility"),
    path("<int:pk>/behandeling/beoordeling/", views.StartAssessment.as_view(), name="start_assessment"),
    path("<int:pk>/behandeling/criteria/", views.Score.as_view(), name="score"),
    path("<int:pk>/behandeling/hoorzitting/", views.Hear.as_view(), name="hear"),
    path("<int:pk>/behandeling/verdaging/", views.Extend.as_view(), name="extend"),
    path("<int:pk>/behandeling/besluit/", views.Decide.as_view(), name="decide"),
    path("<int:pk>/behandeling/overeenkomst/", views.MakeAgreement.as_view(), name="agreement"),
    path("<int:pk>/behandeling/voortgang/", views.Review.as_view(), name="review"),
]
