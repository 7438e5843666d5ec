from django.urls import path

from . import views

app_name = "marketplace"
urlpatterns = [
    path("", views.index, name="index"),
    path("vraag/nieuw/", views.publish, {"listing_type": "vraag"}, name="need_new"),
    path("aanbod/nieuw/", views.publish, {"listing_type": "aanbod"}, name="offer_new"),
    path("vraag/<int:pk>/", views.detail, {"listing_type": "vraag"}, name="need"),
    path("aanbod/<int:pk>/", views.detail, {"listing_type": "aanbod"}, name="offer"),
    path("vraag/<int:pk>/bewerken/", views.edit, {"listing_type": "vraag"}, name="need_edit"),
    path("aanbod/<int:pk>/bewerken/", views.edit, {"listing_type": "aanbod"}, name="offer_edit"),
    path("vraag/<int:pk>/status/", views.status, {"listing_type": "vraag"}, name="need_status"),
    path("aanbod/<int:pk>/status/", views.status, {"listing_type": "aanbod"}, name="offer_status"),
    path("kennismakingen/", views.introductions, name="introductions"),
    path("kennismakingen/nieuw/", views.introduce, name="introduce"),
    path("kennismakingen/<int:pk>/", views.introduction_detail, name="introduction"),
    path("kennismakingen/<int:pk>/antwoord/", views.introduction_answer, name="introduction_answer"),
    path("kennismakingen/<int:pk>/bericht/", views.introduction_message, name="introduction_message"),
    path("kennismakingen/<int:pk>/uitkomst/", views.introduction_outcome, name="introduction_outcome"),
    path("kennismakingen/<int:pk>/vervuld/", views.introduction_met, name="introduction_met"),
    path("nieuwe-matches/", views.digest, name="digest"),
    path("inzicht/", views.insights, name="insights"),
]
