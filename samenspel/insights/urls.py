from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:key>.csv", views.csv_table, name="csv"),
    path("gemeente/", views.staff_dashboard, name="staff"),
    path("gemeente/<slug:key>.csv", views.staff_csv_table, name="staff_csv"),
    path("gemeente/onderwerpen/", views.RefreshTopics.as_view(), name="refresh_topics"),
    path("verslagen/", views.reports, name="reports"),
    path("verslagen/nieuw/", views.GenerateReport.as_view(), name="generate_report"),
    path("verslagen/<int:year>/", views.report_page, name="report"),
    path("verslagen/<int:year>.pdf", views.report_pdf, name="report_pdf"),
    path("verslagen/<int:year>/publiceren/", views.PublishReport.as_view(), name="publish_report"),
]
