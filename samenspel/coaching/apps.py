from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "samenspel.coaching"
    verbose_name = "Begeleiding"

    def ready(self):
        from samenspel.core.registry import InitiativePanel, NavItem, register_initiative_panel, register_nav

        from . import rules  # noqa: F401  (registers the permissions)
        from .panels import agreements_panel, decisions_panel

        register_nav(NavItem(_("Begeleiding"), "coaching:queue", 35, "municipalities.view_coach_desk"))
        register_nav(NavItem(_("Regelknelpunten"), "coaching:register", 40))
        register_initiative_panel(InitiativePanel("decisions", "coaching/panel_decisions.html", decisions_panel, 20))
        register_initiative_panel(InitiativePanel("agreements", "coaching/panel_agreements.html", agreements_panel, 25))
