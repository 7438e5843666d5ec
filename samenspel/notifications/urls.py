from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("aantal/", views.notification_badge, name="badge"),
    path("alles-gelezen/", views.MarkAllRead.as_view(), name="mark_all_read"),
    path("voorkeuren/", views.SetPreferences.as_view(), name="preferences"),
    path("<int:pk>/", views.notification_open, name="open"),
]
