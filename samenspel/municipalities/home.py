"""The municipality's own pages in the shared frame: the list of municipalities, each one's home page.

The home page is assembled from the sections apps register in `core.registry`; this app
contributes the neighbourhoods with their counts and the administration menu item.
"""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from samenspel.core.registry import HomeSection, NavItem, home_sections, register_home_section, register_nav

from .selectors import municipality_counts, municipality_list, neighbourhood_list


def root(request):
    return render(request, "core/root.html", {"municipalities": municipality_list()})


def municipality_home(request):
    municipality = request.municipality
    sections = []
    for section in home_sections:
        context = section.context(request, municipality)
        if context is not None:
            sections.append({"template": section.template, "context": context, "key": section.key})
    return render(request, "core/municipality_home.html", {"municipality": municipality, "sections": sections})


def _neighbourhoods(request, municipality):
    areas = list(neighbourhood_list(municipality=municipality).filter(kind="wijk"))
    return {"neighbourhoods": areas, "counts": municipality_counts(municipality=municipality)}


def register() -> None:
    register_home_section(HomeSection("neighbourhoods", "core/home/_neighbourhoods.html", _neighbourhoods, order=90))
    register_nav(NavItem(_("Beheer"), "municipalities:roles", order=95, permission="municipalities.manage_roles"))
