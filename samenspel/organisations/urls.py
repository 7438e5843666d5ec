from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_index, name="list"),
    path("nieuw/", views.OrganisationCreate.as_view(), name="new"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/aanmelden/", views.OrganisationJoin.as_view(), name="join"),
    path("<slug:slug>/eherkenning/", views.organisation_eherkenning, name="eherkenning"),
    path("<slug:slug>/aanvragen/<int:pk>/", views.OrganisationDecide.as_view(), name="decide"),
]
