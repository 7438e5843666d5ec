from django.urls import path

from . import views

app_name = "practices"
urlpatterns = [
    path("", views.library, name="library"),
    path("wat-werkt.csv", views.library_csv, name="csv"),
    path("publiceren/", views.Publish.as_view(), name="publish"),
    path("<int:pk>/", views.practice_detail, name="detail"),
    path("<int:pk>/overnemen/", views.Adopt.as_view(), name="adopt"),
    path("<int:pk>/overnames/<int:adoption>/", views.ReportAdoption.as_view(), name="report_adoption"),
    path("<int:pk>/intrekken/", views.Withdraw.as_view(), name="withdraw"),
]
