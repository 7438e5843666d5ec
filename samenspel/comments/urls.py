from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("reacties/initiatief/<slug:slug>/", views.comment_new, name="create"),
    path("reacties/<int:pk>/melden/", views.comment_report, name="report"),
    path("moderatie/", views.moderation_index, name="queue"),
    path("moderatie/reacties/<int:pk>/verbergen/", views.moderation_hide, name="hide"),
    path("moderatie/reacties/<int:pk>/zichtbaar-maken/", views.moderation_unhide, name="unhide"),
    path("moderatie/reacties/<int:pk>/meldingen-afwijzen/", views.moderation_dismiss, name="dismiss"),
]
