from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "samenspel.initiatives"
    verbose_name = "Initiatieven"
