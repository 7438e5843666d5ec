from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "samenspel.funding"
    verbose_name = "Resultaatfinanciering"

    def ready(self):
        from samenspel.core.registry import (
            DeskSection,
            InitiativePanel,
            NavItem,
            PersonalData,
            register_desk_section,
            register_initiative_panel,
            register_nav,
            register_personal_data,
        )

        from . import rules  # noqa: F401  (registers the permissions)
        from .panels import desk_tranches, initiative_agreements
        from .personal_data import export

        register_nav(NavItem(_("Resultaatfinanciering"), "funding:index", 46))
        register_initiative_panel(
            InitiativePanel("funding", "funding/panel_initiative.html", initiative_agreements, 27)
        )
        register_desk_section(DeskSection("funding", "funding/desk_tranches.html", desk_tranches, 30))
        register_personal_data(PersonalData("funding", export))
