from django.urls import path

from . import views
from .models import ListingType

NEED, OFFER = {"listing_type": ListingType.NEED}, {"listing_type": ListingType.OFFER}

app_name = "marketplace"
urlpatterns = [
    path("", views.index, name="index"),
    path("vraag/nieuw/", views.ListingPublish.as_view(), NEED, name="need_new"),
    path("aanbod/nieuw/", views.ListingPublish.as_view(), OFFER, name="offer_new"),
    path("vraag/<int:pk>/", views.detail, NEED, name="need"),
    path("aanbod/<int:pk>/", views.detail, OFFER, name="offer"),
    path("vraag/<int:pk>/bewerken/", views.ListingEdit.as_view(), NEED, name="need_edit"),
    path("aanbod/<int:pk>/bewerken/", views.ListingEdit.as_view(), OFFER, name="offer_edit"),
    path("vraag/<int:pk>/status/", views.ListingStatusSet.as_view(), NEED, name="need_status"),
    path("aanbod/<int:pk>/status/", views.ListingStatusSet.as_view(), OFFER, name="offer_status"),
    path("kennismakingen/", views.introductions, name="introductions"),
    path("kennismakingen/nieuw/", views.IntroductionPropose.as_view(), name="introduce"),
    path("kennismakingen/<int:pk>/", views.introduction_detail, name="introduction"),
    path("kennismakingen/<int:pk>/antwoord/", views.IntroductionAnswer.as_view(), name="introduction_answer"),
    path("kennismakingen/<int:pk>/contact/", views.IntroductionContact.as_view(), name="introduction_contact"),
    path("kennismakingen/<int:pk>/uitkomst/", views.IntroductionOutcome.as_view(), name="introduction_outcome"),
    path("kennismakingen/<int:pk>/vervuld/", views.IntroductionNeedMet.as_view(), name="introduction_met"),
    path("nieuwe-matches/", views.DigestSet.as_view(), name="digest"),
    path("inzicht/", views.insights, name="insights"),
]
