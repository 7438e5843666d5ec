from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "samenspel.comments"
    verbose_name = "Reacties en moderatie"

    def ready(self) -> None:
        from samenspel.core.registry import PersonalData, register_personal_data

        from . import personal_data

        register_personal_data(PersonalData("comments", personal_data.export, None, order=30))
        from samenspel.core.registry import InitiativePanel, NavItem, register_initiative_panel, register_nav
        from samenspel.initiatives.models import Initiative
        from samenspel.municipalities.models import Role
        from samenspel.municipalities.rules import role_of

        from . import rules  # noqa: F401  (registers the permissions)
        from .panels import comments_panel_context
        from .targets import register_target

        # Initiatives were the first subject; the initiatives app predates the registry, so
        # the registration lives here. New subjects register in their own app's ready().
        register_target(
            Initiative,
            key="initiatief",
            municipality="municipality",
            may_post=role_of(Role.RESIDENT, via="municipality"),
            is_public=lambda initiative: not initiative.is_hidden,
            followers=_initiative_followers,
        )
        register_initiative_panel(
            InitiativePanel(key="comments", template="comments/panel.html", context=comments_panel_context, order=60)
        )
        register_nav(
            NavItem(label=_("Moderatie"), url_name="comments:queue", order=90, permission="municipalities.moderate")
        )


def _initiative_followers(initiative):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(follows__initiative=initiative, is_active=True)
