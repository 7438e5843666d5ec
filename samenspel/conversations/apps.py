from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "samenspel.conversations"
    verbose_name = "Gesprekken"

    def ready(self) -> None:
        from samenspel.core.registry import PersonalData, register_personal_data

        from . import personal_data

        register_personal_data(PersonalData("conversations", personal_data.export, personal_data.erase, order=25))
        from django.utils.translation import gettext_lazy as _

        from samenspel.core.registry import InitiativePanel, NavItem, register_initiative_panel, register_nav

        from . import rules  # noqa: F401  (registers the permissions)
        from .panels import conversations_panel

        register_initiative_panel(
            InitiativePanel(
                key="conversations", template="conversations/panel.html", context=conversations_panel, order=15
            )
        )
        register_nav(
            NavItem(
                label=_("Gesprekken"), url_name="conversations:index", order=85, permission="conversations.list_own"
            )
        )
        register_nav(
            NavItem(
                label=_("Gemelde berichten"),
                url_name="conversations:queue",
                order=91,
                permission="municipalities.moderate",
            )
        )
