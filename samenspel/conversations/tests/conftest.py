"""The conversations' cast: the marketplace's (an initiative and a housing corporation), a
person who clicked "Ik doe mee", the team's contact person and an accepted introduction."""

from dataclasses import dataclass

import pytest

from samenspel.core.tests.factories import MembershipFactory, UserFactory
from samenspel.initiatives.models import Support, TeamMember
from samenspel.initiatives.services import support_toggle
from samenspel.marketplace import services as market
from samenspel.marketplace.tests.conftest import _fresh_matchers, cast  # noqa: F401  (fixtures)
from samenspel.municipalities.models import Role
from samenspel.notifications.models import Notification


@dataclass
class World:
    cast: object
    municipality: object
    initiative: object
    initiator: object
    team_member: object
    contact_person: object
    joiner: object
    org_member: object
    introduction: object


@pytest.fixture
def world(cast):  # noqa: F811
    municipality = cast.municipality
    contact_person = UserFactory(display_name="Sanne de Contactpersoon")
    MembershipFactory(user=contact_person, municipality=municipality, role=Role.RESIDENT)
    TeamMember.objects.create(
        initiative=cast.initiative,
        user=contact_person,
        email=contact_person.email,
        role=TeamMember.Role.CONTACT,
        accepted_at=cast.initiative.submitted_at,
    )
    joiner = UserFactory(display_name="Mees Meedoener")
    MembershipFactory(user=joiner, municipality=municipality, role=Role.RESIDENT)
    support_toggle(initiative=cast.initiative, user=joiner, kind=Support.Kind.JOIN)
    intro = market.introduction_propose(need=cast.need, offer=cast.offer, user=cast.initiator)
    intro = market.introduction_respond(introduction=intro, user=cast.org_member, accept=True)
    # Each story starts with empty inboxes: what it finds there, its own messages put there.
    Notification.objects.all().delete()
    return World(
        cast,
        municipality,
        cast.initiative,
        cast.initiator,
        cast.team_member,
        contact_person,
        joiner,
        cast.org_member,
        intro,
    )
