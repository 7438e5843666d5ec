"""The municipality administrator's pages (roles, the audit trail) and the place lookups maps use."""

import logging

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from samenspel.audit.selectors import audit_event_list
from samenspel.core.actions import ActionPage, ActionView

from . import geocoding, selectors, services
from .forms import GrantRoleForm, RevokeRoleForm

logger = logging.getLogger(__name__)
# Searches per person per minute: typing pauses ask once each, a person needs few.
SEARCHES_PER_MINUTE = 30


def _municipality(request, *args, **kwargs):
    return request.municipality


def _roles_url(request) -> str:
    return reverse("municipalities:roles", kwargs={"municipality": request.municipality.slug})


class Roles(ActionPage):
    """The staff of the municipality with their roles, and granting a role."""

    permission_required = "municipalities.manage_roles"
    form_class = GrantRoleForm
    template_name = "municipalities/roles.html"
    success_message = _("De rol is toegekend.")

    def get_context_data(self, **kwargs) -> dict:
        return {**kwargs, "memberships": selectors.staff_memberships(municipality=self.request.municipality)}

    def perform(self, form):
        return services.membership_grant(
            municipality=self.object,
            user=form.cleaned_data["user"],
            role=form.cleaned_data["role"],
            granted_by=self.request.user,
        )

    def get_success_url(self, result) -> str:
        return _roles_url(self.request)


class RevokeRole(ActionView):
    permission_required = "municipalities.manage_roles"
    form_class = RevokeRoleForm
    success_message = _("De rol is ingetrokken.")

    def perform(self, form):
        membership = selectors.membership_in(municipality=self.object, pk=self.kwargs["pk"])
        return services.membership_revoke(
            membership=membership, revoked_by=self.request.user, reason=form.cleaned_data["reason"]
        )

    def get_success_url(self, result) -> str:
        return _roles_url(self.request)


@permission_required("municipalities.view_audit_trail", fn=_municipality, raise_exception=True)
def audit_trail(request):
    events = Paginator(audit_event_list(municipality=request.municipality), 50).get_page(request.GET.get("pagina"))
    return render(request, "municipalities/audit_trail.html", {"events": events})


# --- Places for maps: the address search proxy and "which wijk is this point in" ------------


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _area(municipality, lat: float, lon: float) -> dict | None:
    """The neighbourhood a point is saved in, by the one point-in-polygon test."""
    area = selectors.neighbourhood_for_point(municipality=municipality, lat=lat, lon=lon)
    return {"id": area.pk, "name": area.name} if area else None


def _over_limit(user) -> bool:
    bucket = f"samenspel:adres:{user.pk}:{int(timezone.now().timestamp() // 60)}"
    cache.add(bucket, 0, timeout=60)
    try:
        return cache.incr(bucket) > SEARCHES_PER_MINUTE
    except ValueError:  # evicted between add and incr
        return False


@require_GET
def address_search(request):
    """Addresses for the place picker, from the Locatieserver; each with its wijk.

    Only for people who are logged in (the place picker's pages need that anyway), so the
    site is no open proxy to PDOK. Answers 404 when no GEOCODER_URL is configured.
    """
    if not geocoding.is_configured():
        raise Http404
    if not request.user.is_authenticated:
        return _error(gettext("Log in om een adres te zoeken."), 403)
    query = " ".join(request.GET.get("q", "").split())
    if not 3 <= len(query) <= 100:
        return _error(gettext("Typ minstens drie tekens van het adres, bijvoorbeeld: Lindelaan 12."), 400)
    if _over_limit(request.user):
        return _error(gettext("U zocht veel adressen achter elkaar. Probeer het over een minuut opnieuw."), 429)
    municipality = request.municipality
    try:
        found = geocoding.address_search(query=query, near=(municipality.center_lat, municipality.center_lon))
    except geocoding.GeocoderUnavailable as error:
        logger.warning("Locatieserver unavailable: %s", error)
        return _error(
            gettext(
                "Adressen zoeken lukt nu niet. Klik de plek aan op de kaart, typ het adres in het veld "
                "Adres of plek, of kies de wijk in de lijst."
            ),
            502,
        )
    results = [
        {"label": a.label, "lat": a.lat, "lon": a.lon, "neighbourhood": _area(municipality, a.lat, a.lon)}
        for a in found
    ]
    message = "" if results else gettext("Geen adres gevonden in of bij de gemeente. Controleer de spelling.")
    return JsonResponse({"results": results, "message": message})


@require_GET
def place(request):
    """The wijk a point on the map is saved in: the picker shows it before the form is sent."""
    try:
        lat, lon = float(request.GET["lat"]), float(request.GET["lon"])
    except (KeyError, ValueError):
        return _error(gettext("Geef een breedtegraad en een lengtegraad, bijvoorbeeld lat=52.09&lon=5.56."), 400)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return _error(gettext("Geef een breedtegraad en een lengtegraad, bijvoorbeeld lat=52.09&lon=5.56."), 400)
    return JsonResponse({"neighbourhood": _area(request.municipality, lat, lon)})
