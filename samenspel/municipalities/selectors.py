from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from .models import Membership, Municipality, Neighbourhood, Role


def municipality_list():
    return Municipality.objects.filter(is_active=True)


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


def staff_memberships(*, municipality: Municipality):
    return (
        Membership.objects.filter(municipality=municipality)
        .exclude(role=Role.RESIDENT)
        .select_related("user")
        .order_by("role", "user__display_name")
    )


def membership_in(*, municipality: Municipality, pk: int) -> Membership:
    """A role held in this municipality; another municipality's is a 404."""
    return get_object_or_404(Membership, pk=pk, municipality=municipality)


def municipality_counts(*, municipality: Municipality) -> dict[str, int]:
    return Municipality.objects.filter(pk=municipality.pk).aggregate(
        residents=Count("memberships", filter=Q(memberships__role=Role.RESIDENT), distinct=True),
        neighbourhoods=Count("neighbourhoods", distinct=True),
        organisations=Count("organisations", distinct=True),
    )
