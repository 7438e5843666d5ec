from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "samenspel.practices"
    verbose_name = "Wat werkt"

    def ready(self):
        from samenspel.core.registry import NavItem, register_nav

        from . import rules  # noqa: F401  (registers the permissions)

        register_nav(NavItem(_("Wat werkt"), "practices:library", 44))
