"""The partner organisations' place in the shared frame: a home-page section and a menu item."""

from django.utils.translation import gettext_lazy as _

from samenspel.core.registry import HomeSection, NavItem, register_home_section, register_nav

from .selectors import organisation_list


def _organisations(request, municipality):
    organisations = list(organisation_list(municipality=municipality).order_by("-created")[:6])
    return {"organisations": organisations} if organisations else None


def register() -> None:
    register_home_section(HomeSection("organisations", "core/home/_organisations.html", _organisations, order=80))
    register_nav(NavItem(_("Organisaties"), "organisations:list", order=70))
