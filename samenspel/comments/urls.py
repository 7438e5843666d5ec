from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("reacties/<slug:target>/<int:pk>/", views.CommentCreate.as_view(), name="create"),
    path("reacties/<int:pk>/melden/", views.CommentReport.as_view(), name="report"),
    path("moderatie/", views.moderation_index, name="queue"),
    path("moderatie/reacties/<int:pk>/verbergen/", views.CommentHide.as_view(), name="hide"),
    path("moderatie/reacties/<int:pk>/zichtbaar-maken/", views.CommentUnhide.as_view(), name="unhide"),
    path("moderatie/reacties/<int:pk>/meldingen-afwijzen/", views.ReportsDismiss.as_view(), name="dismiss"),
]
