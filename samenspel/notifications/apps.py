from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "samenspel.notifications"
    verbose_name = "Meldingen"

    def ready(self):
        from samenspel.core.registry import PersonalData, register_personal_data

        from . import personal_data

        register_personal_data(PersonalData("notifications", personal_data.export, personal_data.erase, order=60))
        from . import rules  # noqa: F401  (registers the permissions)
