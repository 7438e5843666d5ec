from django.apps import AppConfig


class MunicipalitiesConfig(AppConfig):
    name = "samenspel.municipalities"
    verbose_name = "Gemeenten"

    def ready(self):
        from . import home

        home.register()
