from django.apps import AppConfig


class BudgetingConfig(AppConfig):
    name = "samenspel.budgeting"
    verbose_name = "Burgerbegroting"

    def ready(self) -> None:
        from samenspel.core.registry import PersonalData, register_personal_data

        from . import personal_data

        register_personal_data(PersonalData("budgeting", personal_data.export, personal_data.erase, order=50))
        from django.utils.translation import gettext_lazy as _

        from samenspel.core.registry import HomeSection, NavItem, register_home_section, register_nav

        from . import rules  # noqa: F401  (registers the permissions)
        from .home import home_context

        register_nav(NavItem(_("Burgerbegroting"), "budgeting:list", order=50))
        register_home_section(HomeSection("budgeting", "budgeting/_home.html", home_context, order=50))
