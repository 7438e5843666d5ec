from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from .models import Organisation, OrganisationMembership


def organisation_list(*, municipality):
    return (
        Organisation.objects.filter(municipality=municipality)
        .select_related("municipality")  # each card links by the municipality's slug
        .annotate(member_count=Count("memberships", filter=Q(memberships__status="approved")))
        .prefetch_related("neighbourhoods")
    )


def organisation_in(*, municipality, slug: str) -> Organisation:
    """The organisation of this municipality; another municipality's is a 404."""
    return get_object_or_404(Organisation, municipality=municipality, slug=slug)


def organisation_roles(user, organisation: Organisation) -> tuple[bool, bool]:
    """(is approved member, is admin), memoised on the user for the request."""
    if not user.is_authenticated:
        return False, False
    cache = user.__dict__.setdefault("_samenspel_org_roles", {})
    if organisation.pk not in cache:
        membership = OrganisationMembership.objects.filter(
            organisation=organisation, user=user, status=OrganisationMembership.Status.APPROVED
        ).first()
        cache[organisation.pk] = (membership is not None, bool(membership and membership.is_admin))
    return cache[organisation.pk]


def approved_members(*, organisation: Organisation):
    return organisation.memberships.filter(status=OrganisationMembership.Status.APPROVED).select_related("user")


def pending_requests(*, organisation: Organisation):
    return organisation.memberships.filter(status=OrganisationMembership.Status.REQUESTED).select_related("user")


def pending_request(*, organisation: Organisation, pk: int) -> OrganisationMembership:
    """A membership of this organisation (404 otherwise); the service refuses one already decided."""
    return get_object_or_404(OrganisationMembership.objects.select_related("user"), pk=pk, organisation=organisation)
