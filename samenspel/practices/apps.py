from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "samenspel.practices"
    verbose_name = "Wat werkt"

    def ready(self):
        from samenspel.core.registry import (
            InitiativePanel,
            NavItem,
            PersonalData,
            register_initiative_panel,
            register_nav,
            register_personal_data,
        )

        from . import personal_data, rules  # noqa: F401  (rules registers the permissions)
        from .panels import practices_panel

        register_nav(NavItem(_("Wat werkt"), "practices:library", 44))
        register_initiative_panel(InitiativePanel("practices", "practices/panel.html", practices_panel, 30))
        register_personal_data(PersonalData("practices", personal_data.export))
