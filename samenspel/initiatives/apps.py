from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "samenspel.initiatives"
    verbose_name = "Initiatieven"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from samenspel.core.registry import HomeSection, NavItem, register_home_section, register_nav

        from . import rules  # noqa: F401  (registers the permissions)
        from .home import home_context

        register_nav(NavItem(_("Initiatieven"), "initiatives:list", order=10))
        register_home_section(HomeSection("initiatives", "initiatives/_home.html", home_context, order=10))
