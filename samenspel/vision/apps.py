from django.apps import AppConfig


class VisionConfig(AppConfig):
    name = "samenspel.vision"
    verbose_name = "Toekomstvisie"

    def ready(self) -> None:
        from samenspel.core.registry import PersonalData, register_personal_data

        from . import personal_data

        register_personal_data(PersonalData("vision", personal_data.export, None, order=40))
        from django.utils.translation import gettext_lazy as _

        from samenspel.comments.targets import register_target
        from samenspel.core.registry import (
            HomeSection,
            InitiativePanel,
            NavItem,
            register_home_section,
            register_initiative_panel,
            register_nav,
        )

        from . import rules, signals  # noqa: F401  (registers permissions and the login receiver)
        from .models import Principle
        from .panels import home_context, initiative_panel_context

        # Residents comment on the principles of a published draft; the comments app does the rest.
        register_target(
            Principle,
            key="uitgangspunt",
            municipality="version.process.municipality",
            may_post=rules.may_react_to_principle,
        )

        register_nav(NavItem(_("Toekomstvisie"), "vision:index", order=20))
        register_home_section(HomeSection("vision", "vision/_home.html", home_context, order=20))
        register_initiative_panel(
            InitiativePanel(
                key="vision_assessments",
                template="vision/_panel.html",
                context=initiative_panel_context,
                order=22,
            )
        )
