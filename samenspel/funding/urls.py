from django.urls import path

from . import views

app_name = "funding"
urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.AgreementCreate.as_view(), name="create"),
    path("termijnen.csv", views.tranches_csv, name="tranches_csv"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/resultaten/", views.AddResult.as_view(), name="add_result"),
    path("<int:pk>/termijnen/", views.AddTranche.as_view(), name="add_tranche"),
    path("<int:pk>/verlenen/", views.Grant.as_view(), name="grant"),
    path("<int:pk>/resultaten/<int:result_pk>/verslag/", views.ReportResult.as_view(), name="report"),
    path("<int:pk>/verslagen/<int:report_pk>/beoordelen/", views.ReviewReport.as_view(), name="review"),
    path("<int:pk>/termijnen/<int:tranche_pk>/vrijgeven/", views.ReleaseTranche.as_view(), name="release"),
    path("<int:pk>/termijnen/<int:tranche_pk>/aanhouden/", views.HoldTranche.as_view(), name="hold"),
    path("<int:pk>/termijnen/<int:tranche_pk>/aanpassen/", views.AdjustTranche.as_view(), name="adjust"),
    path("<int:pk>/eindverslag/", views.FinalReport.as_view(), name="final_report"),
    path("<int:pk>/vaststellen/", views.Settle.as_view(), name="settle"),
    path("<int:pk>/bewijs/<int:file_pk>/", views.evidence_file, name="evidence"),
]
