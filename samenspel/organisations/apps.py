from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "samenspel.organisations"
    verbose_name = "Organisaties"

    def ready(self):
        from . import home

        home.register()
