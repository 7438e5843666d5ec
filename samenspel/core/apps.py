from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "samenspel.core"
    verbose_name = "Kern"
