from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "samenspel.insights"
    verbose_name = "Signalen"

    def ready(self):
        from samenspel.core.registry import NavItem, register_nav

        from . import rules  # noqa: F401  (registers the permissions)

        register_nav(NavItem(_("Signalen"), "insights:dashboard", 80))
