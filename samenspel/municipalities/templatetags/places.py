"""Template helpers for maps: whether the place picker offers address search."""

from django import template

from samenspel.municipalities import geocoding

register = template.Library()


@register.simple_tag
def address_search_enabled() -> bool:
    return geocoding.is_configured()
