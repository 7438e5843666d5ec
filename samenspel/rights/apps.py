from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "samenspel.rights"
    verbose_name = "Buurtrechten"

    def ready(self):
        pass
