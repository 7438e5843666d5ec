from django.urls import path

from . import views

app_name = "initiatives"
urlpatterns = [
    path("", views.overview, name="list"),
    path("nieuw/", views.initiative_new, name="new"),
    path("kaart.geojson", views.map_geojson, name="map"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.geojson", views.export_geojson, name="export_geojson"),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="accept"),
    path("<slug:slug>/", views.initiative_detail, name="detail"),
    path("<slug:slug>/bewerken/", views.initiative_edit, name="edit"),
    path("<slug:slug>/foto/", views.image_new, name="image"),
    path("<slug:slug>/steun/", views.support, name="support"),
    path("<slug:slug>/volgen/", views.follow, name="follow"),
    path("<slug:slug>/nieuws/nieuw/", views.update_new, name="update_new"),
    path("<slug:slug>/team/", views.team, name="team"),
    path("<slug:slug>/vraag/nieuw/", views.listing_new, {"listing_type": "vraag"}, name="need_new"),
    path("<slug:slug>/aanbod/nieuw/", views.listing_new, {"listing_type": "aanbod"}, name="offer_new"),
    path("<slug:slug>/vraag/<int:pk>/", views.listing_edit, {"listing_type": "vraag"}, name="need_edit"),
    path("<slug:slug>/aanbod/<int:pk>/", views.listing_edit, {"listing_type": "aanbod"}, name="offer_edit"),
    path("<slug:slug>/vraag/<int:pk>/status/", views.listing_status, {"listing_type": "vraag"}, name="need_status"),
    path("<slug:slug>/aanbod/<int:pk>/status/", views.listing_status, {"listing_type": "aanbod"}, name="offer_status"),
]
