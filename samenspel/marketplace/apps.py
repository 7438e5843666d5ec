from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "samenspel.marketplace"
    verbose_name = "Maatschappelijke marktplaats"

    def ready(self) -> None:
        from samenspel.core.registry import PersonalData, register_personal_data

        from . import personal_data

        register_personal_data(PersonalData("marketplace", personal_data.export, personal_data.erase, order=20))
        from samenspel.core.registry import HomeSection, NavItem, register_home_section, register_nav

        from . import rules  # noqa: F401  (registers permissions)
        from .home import home_context

        register_nav(NavItem(_("Marktplaats"), "marketplace:index", order=30))
        register_home_section(HomeSection("marketplace", "marketplace/_home.html", home_context, order=30))
