from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "samenspel.notifications"
    verbose_name = "Meldingen"
