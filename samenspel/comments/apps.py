from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "samenspel.comments"
    verbose_name = "Reacties en moderatie"

    def ready(self) -> None:
        from samenspel.core.registry import InitiativePanel, NavItem, register_initiative_panel, register_nav

        from . import rules  # noqa: F401  (registers the permissions)
        from .panels import comments_panel_context

        register_initiative_panel(
            InitiativePanel(key="comments", template="comments/panel.html", context=comments_panel_context, order=60)
        )
        register_nav(
            NavItem(label=_("Moderatie"), url_name="comments:queue", order=90, permission="municipalities.moderate")
        )
