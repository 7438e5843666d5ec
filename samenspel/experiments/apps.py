from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExperimentsConfig(AppConfig):
    name = "samenspel.experiments"
    verbose_name = "Experimenten"

    def ready(self):
        from samenspel.core.registry import (
            DeskSection,
            NavItem,
            PersonalData,
            register_desk_section,
            register_nav,
            register_personal_data,
        )

        from . import personal_data, rules  # noqa: F401  (rules registers the permissions)
        from .views import desk_section

        register_nav(NavItem(_("Experimenten"), "experiments:list", 42))
        register_desk_section(DeskSection("evaluations", "experiments/desk_section.html", desk_section, 30))
        register_personal_data(PersonalData("experiments", personal_data.export))
