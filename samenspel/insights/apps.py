from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "samenspel.insights"
    verbose_name = "Signalen"

    def ready(self):
        pass
