from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "samenspel.notifications"
    verbose_name = "Meldingen"

    def ready(self):
        from . import rules  # noqa: F401  (registers the permissions)
