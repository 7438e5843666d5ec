from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("aantal/", views.notification_badge, name="badge"),
    path("alles-gelezen/", views.notification_mark_all, name="mark_all_read"),
    path("voorkeuren/", views.notification_preferences, name="preferences"),
    path("<int:pk>/", views.notification_open, name="open"),
]
