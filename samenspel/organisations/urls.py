from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_index, name="list"),
    path("nieuw/", views.organisation_new, name="new"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/aanmelden/", views.organisation_join, name="join"),
    path("<slug:slug>/aanvragen/<int:pk>/", views.organisation_decide, name="decide"),
]
