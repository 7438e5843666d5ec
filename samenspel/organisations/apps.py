from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "samenspel.organisations"
    verbose_name = "Organisaties"
