from django.apps import AppConfig


class ExperimentsConfig(AppConfig):
    name = "samenspel.experiments"
    verbose_name = "Experimenten"

    def ready(self):
        pass
