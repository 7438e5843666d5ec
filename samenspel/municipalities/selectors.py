from django.contrib.auth import get_user_model
from django.db.models import F, Func, IntegerField, OuterRef, Subquery
from django.shortcuts import get_object_or_404

from . import geo
from .models import Membership, Municipality, Neighbourhood, Role


def municipality_list():
    return Municipality.objects.filter(is_active=True)


def active_municipality(**lookup) -> Municipality | None:
    """The active municipality by slug or pk, or None (an inactive one is as good as unknown)."""
    return municipality_list().filter(**lookup).first()


def neighbourhood_choices(*, municipality: Municipality | None = None):
    """Areas to choose from, named with their municipality; every municipality's when none is given."""
    areas = Neighbourhood.objects.select_related("municipality").order_by("municipality__name", "name")
    return areas.filter(municipality=municipality) if municipality else areas


def neighbourhoods_open_data(*, municipality: Municipality | None = None):
    areas = Neighbourhood.objects.filter(municipality__is_active=True).select_related("municipality", "parent")
    return areas.filter(municipality=municipality) if municipality is not None else areas


def roles_of(user, municipality: Municipality) -> frozenset[str]:
    """The user's roles in a municipality, memoised on the user object for the request.

    Permission checks run many times per page; one query per municipality is enough.
    """
    if not user.is_authenticated:
        return frozenset()
    cache = user.__dict__.setdefault("_samenspel_roles", {})
    if municipality.pk not in cache:
        cache[municipality.pk] = frozenset(
            Membership.objects.filter(user=user, municipality=municipality).values_list("role", flat=True)
        )
    return cache[municipality.pk]


def neighbourhood_list(*, municipality: Municipality):
    return Neighbourhood.objects.filter(municipality=municipality).select_related("parent")


def neighbourhood_for_point(*, municipality: Municipality, lat: float, lon: float) -> Neighbourhood | None:
    return neighbourhood_list(municipality=municipality).exclude(boundary=None).containing(lat, lon)


def neighbourhood_map(*, municipality: Municipality, kind: str | None = None) -> dict:
    """The areas as GeoJSON for a map: outline, name, and a label point inside each.

    Wijken come first and buurten last, so a buurt is drawn on top of its wijk: what the map
    shows under the pointer is what `neighbourhood_for_point` picks (a buurt before a wijk).
    The label point lies inside the area by the same test, never on a neighbour.
    """
    areas = neighbourhood_list(municipality=municipality).exclude(boundary=None)
    if kind:
        areas = areas.filter(kind=kind)
    areas = sorted((a for a in areas if a.boundary), key=lambda a: (a.kind == Neighbourhood.Kind.BUURT, a.name))
    features = [
        {
            "type": "Feature",
            "geometry": area.boundary,
            "properties": {
                "id": area.pk,
                "name": area.name,
                "slug": area.slug,
                "kind": area.kind,
                "label": [round(c, 6) for c in geo.label_point(area.boundary)],
            },
        }
        for area in areas
    ]
    return {"type": "FeatureCollection", "features": features}


def active_user_by_email(*, email: str):
    """The account a role is granted to (the user model is the project's, not this app's)."""
    return get_user_model().objects.filter(email=email.lower(), is_active=True).first()


def staff_memberships(*, municipality: Municipality):
    return (
        Membership.objects.filter(municipality=municipality)
        .staff()
        .select_related("user")
        .order_by("role", "user__display_name")
    )


def membership_in(*, municipality: Municipality, pk: int) -> Membership:
    """A role held in this municipality; another municipality's is a 404."""
    return get_object_or_404(Membership, pk=pk, municipality=municipality)


def _count_of(queryset) -> Subquery:
    return Subquery(queryset.order_by().values_list(Func(F("pk"), function="COUNT")), output_field=IntegerField())


def municipality_counts(*, municipality: Municipality) -> dict[str, int]:
    """The home page's figures, in one query of three separate counts: joining memberships,
    areas and organisations multiplied their rows (half a million residents times every area
    and organisation, counted DISTINCT), which took over 30 s for a city."""
    # Organisations point at the municipality; read through that relation, so this app
    # imports nothing of the organisations app (which depends on this one).
    Organisation = Municipality._meta.get_field("organisations").related_model

    counts = (
        Municipality.objects.filter(pk=municipality.pk)
        .values(
            n_residents=_count_of(Membership.objects.filter(municipality=OuterRef("pk"), role=Role.RESIDENT)),
            n_neighbourhoods=_count_of(Neighbourhood.objects.filter(municipality=OuterRef("pk"))),
            n_organisations=_count_of(Organisation.objects.filter(municipality=OuterRef("pk"))),
        )
        .get()
    )
    return {name.removeprefix("n_"): value for name, value in counts.items()}
