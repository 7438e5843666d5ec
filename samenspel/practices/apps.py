from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "samenspel.practices"
    verbose_name = "Wat werkt"

    def ready(self):
        pass
