from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _sqlite_search_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        from .search import register_sqlite_functions

        register_sqlite_functions(connection.connection)


class InitiativesConfig(AppConfig):
    name = "samenspel.initiatives"
    verbose_name = "Initiatieven"

    def ready(self) -> None:
        from samenspel.core.registry import PersonalData, register_personal_data

        from . import personal_data

        register_personal_data(PersonalData("initiatives", personal_data.export, personal_data.erase, order=10))
        from django.utils.translation import gettext_lazy as _

        from samenspel.core.registry import HomeSection, NavItem, register_home_section, register_nav

        from . import rules  # noqa: F401  (registers the permissions)
        from .home import home_context

        register_nav(NavItem(_("Initiatieven"), "initiatives:list", order=10))
        # Not domain logic: SQLite needs the Dutch stemmer on every connection because the
        # triggers that keep the search index in step call it (migration 0005, search.py).
        connection_created.connect(_sqlite_search_functions, dispatch_uid="initiatives-dutch-search")
        register_home_section(HomeSection("initiatives", "initiatives/_home.html", home_context, order=10))
