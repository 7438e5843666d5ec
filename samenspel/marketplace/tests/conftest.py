"""The marketplace's cast: an initiative needing space, a housing corporation offering it."""

from dataclasses import dataclass

import pytest

from samenspel.core.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    UserFactory,
)
from samenspel.municipalities.models import Role
from samenspel.organisations.models import Organisation, OrganisationMembership

from .. import pipeline
from .factories import InitiativeFactory, NeedFactory, OfferFactory, ThemeFactory


@pytest.fixture(autouse=True)
def _fresh_matchers():
    """The per-process matcher cache must not leak between tests."""
    pipeline.forget_cached_matchers()
    yield
    pipeline.forget_cached_matchers()


@dataclass
class Cast:
    municipality: object
    initiative: object
    initiator: object
    team_member: object
    need: object
    organisation: object
    org_member: object
    offer: object
    other_org_member: object
    themes: dict


@pytest.fixture
def cast(municipality, partner_member):
    """Initiative "Buurtkeuken" needs space; Woonstichting Lindeveen (partner_member) offers it."""
    from samenspel.initiatives.models import TeamMember

    linde = municipality.neighbourhoods.get(slug="de-linde")
    themes = {
        slug: ThemeFactory(municipality=municipality, slug=slug) for slug in ("wonen", "zorg-en-welzijn", "groen")
    }
    initiator = UserFactory(display_name="Joost van der Berg")
    MembershipFactory(user=initiator, municipality=municipality, role=Role.RESIDENT)
    initiative = InitiativeFactory(municipality=municipality, initiator=initiator, neighbourhood=linde)
    team_member = UserFactory(display_name="Anouk Visser")
    MembershipFactory(user=team_member, municipality=municipality, role=Role.RESIDENT)
    TeamMember.objects.create(
        initiative=initiative, user=team_member, email=team_member.email, accepted_at=initiative.submitted_at
    )
    need = NeedFactory(initiative=initiative, neighbourhood=linde)
    need.themes.set([themes["zorg-en-welzijn"]])
    organisation = Organisation.objects.get(municipality=municipality, slug="woonstichting")
    organisation.website = "https://woonstichting-lindeveen.example"
    organisation.save()
    offer = OfferFactory(organisation=organisation, neighbourhood=linde, municipality=municipality)
    offer.themes.set([themes["wonen"], themes["zorg-en-welzijn"]])
    other = OrganisationFactory(municipality=municipality, name="Bakkerij Van Dam", slug="bakkerij")
    other_member = UserFactory(display_name="Karin van Dam")
    MembershipFactory(user=other_member, municipality=municipality, role=Role.RESIDENT)
    OrganisationMembershipFactory(organisation=other, user=other_member, status=OrganisationMembership.Status.APPROVED)
    return Cast(
        municipality,
        initiative,
        initiator,
        team_member,
        need,
        organisation,
        partner_member,
        offer,
        other_member,
        themes,
    )
