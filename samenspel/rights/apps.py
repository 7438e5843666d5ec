from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "samenspel.rights"
    verbose_name = "Buurtrechten"

    def ready(self):
        from samenspel.comments.targets import register_target
        from samenspel.core.registry import (
            DeskSection,
            NavItem,
            PersonalData,
            register_desk_section,
            register_nav,
            register_personal_data,
        )

        from . import personal_data, rules
        from .models import RightRequest
        from .views import desk_section_context

        register_nav(NavItem(_("Buurtrechten"), "rights:register", 45))
        register_desk_section(DeskSection("rights", "rights/desk_section.html", desk_section_context, 30))
        # Residents comment on a published request while it is open for support (the public phase).
        register_target(
            RightRequest,
            key="buurtrecht",
            municipality="municipality",
            may_post=rules.may_comment,
            is_public=lambda request: request.is_public,
        )
        register_personal_data(PersonalData("rights", personal_data.export, personal_data.erase, order=45))
