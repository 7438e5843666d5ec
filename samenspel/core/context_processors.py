from django.conf import settings
from django.urls import NoReverseMatch, reverse

from .registry import nav_items


def site(request):
    municipality = getattr(request, "municipality", None) or getattr(request, "context_municipality", None)
    navigation = []
    if municipality is not None:
        for item in nav_items:
            if item.permission and not request.user.has_perm(item.permission, municipality):
                continue
            try:
                url = reverse(item.url_name, kwargs={"municipality": municipality.slug})
            except NoReverseMatch:
                continue
            navigation.append({"label": item.label, "url": url, "current": request.path.startswith(url)})
    return {
        "current_municipality": municipality,
        "navigation": navigation,
        "tile_url": settings.TILE_URL,
        "tile_attribution": settings.TILE_ATTRIBUTION,
    }
