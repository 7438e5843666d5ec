from django.utils.translation import gettext_lazy as _

from samenspel.municipalities.selectors import municipality_counts, neighbourhood_list
from samenspel.organisations.selectors import organisation_list

from .registry import HomeSection, NavItem, register_home_section, register_nav


def _neighbourhoods(request, municipality):
    areas = list(neighbourhood_list(municipality=municipality).filter(kind="wijk"))
    return {"neighbourhoods": areas, "counts": municipality_counts(municipality=municipality)}


def _organisations(request, municipality):
    organisations = list(organisation_list(municipality=municipality).order_by("-created")[:6])
    return {"organisations": organisations} if organisations else None


register_home_section(HomeSection("neighbourhoods", "core/home/_neighbourhoods.html", _neighbourhoods, order=90))
register_home_section(HomeSection("organisations", "core/home/_organisations.html", _organisations, order=80))
register_nav(NavItem(_("Organisaties"), "organisations:list", order=70))
register_nav(NavItem(_("Beheer"), "municipalities:roles", order=95, permission="municipalities.manage_roles"))
