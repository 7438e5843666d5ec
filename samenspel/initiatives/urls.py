from django.urls import path

from samenspel.marketplace.models import ListingType

from . import views

NEED, OFFER = {"listing_type": ListingType.NEED}, {"listing_type": ListingType.OFFER}

app_name = "initiatives"
urlpatterns = [
    path("", views.overview, name="list"),
    path("nieuw/", views.InitiativeStart.as_view(), name="new"),
    path("kaart.geojson", views.map_geojson, name="map"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.geojson", views.export_geojson, name="export_geojson"),
    path("uitnodiging/<str:token>/", views.InvitationAccept.as_view(), name="accept"),
    path("<slug:slug>/", views.initiative_detail, name="detail"),
    path("<slug:slug>/bewerken/", views.InitiativeEdit.as_view(), name="edit"),
    path("<slug:slug>/foto/", views.ImageAdd.as_view(), name="image"),
    path("<slug:slug>/steun/", views.SupportToggle.as_view(), name="support"),
    path("<slug:slug>/volgen/", views.FollowToggle.as_view(), name="follow"),
    path("<slug:slug>/nieuws/nieuw/", views.UpdatePost.as_view(), name="update_new"),
    path("<slug:slug>/team/", views.TeamInvite.as_view(), name="team"),
    path("<slug:slug>/vraag/nieuw/", views.ListingPublish.as_view(), NEED, name="need_new"),
    path("<slug:slug>/aanbod/nieuw/", views.ListingPublish.as_view(), OFFER, name="offer_new"),
    path("<slug:slug>/vraag/<int:pk>/", views.ListingEdit.as_view(), NEED, name="need_edit"),
    path("<slug:slug>/aanbod/<int:pk>/", views.ListingEdit.as_view(), OFFER, name="offer_edit"),
    path("<slug:slug>/vraag/<int:pk>/status/", views.ListingStatusSet.as_view(), NEED, name="need_status"),
    path("<slug:slug>/aanbod/<int:pk>/status/", views.ListingStatusSet.as_view(), OFFER, name="offer_status"),
]
