from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "samenspel.core"
    verbose_name = "Kern"

    def ready(self):
        from . import home_sections  # noqa: F401  (registers the foundation's sections)
