"""Role x state matrices for every marketplace permission.

The cast (see conftest): the initiative "Buurtkeuken" needs space (its initiator and an
accepted team member speak for it), Woonstichting Lindeveen offers it (org_member), and
a member of another organisation, a plain resident, the desk and an outsider (staff of
another municipality) look on. Over HTTP, the pages' own matrices live in test_views.py.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from samenspel.core.tests.matrix import mismatches

from .. import services
from ..models import Category, Introduction, ListingStatus, ListingType, Outcome
from ..rules import Pair

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "resident",
    "initiator",
    "team",
    "contact",
    "org_member",
    "other_org_member",
    "moderator",
    "coach",
    "admin",
    "outsider",
]
RESIDENTS = set(ROLES) - {"anonymous", "outsider"}
LOGGED_IN = set(ROLES) - {"anonymous"}
NEED_SIDE = {"initiator", "team", "contact"}
SIDES = NEED_SIDE | {"org_member"}
DESK = {"coach", "admin"}

MATRIX = {
    "marketplace.publish": {"lindeveen": RESIDENTS},
    "marketplace.publish_for_organisation": {"woonstichting": {"org_member"}},
    # Initiative listings are changed on the initiative's pages (initiatives.manage_listings).
    "marketplace.change_listing": {
        "person_offer": {"resident"},
        "organisation_offer": {"org_member"},
        "initiative_need": set(),
    },
    "marketplace.propose_introduction": {"open_pair": SIDES | DESK, "need_met": set()},
    "marketplace.view_introduction": {"proposed": SIDES | DESK, "accepted": SIDES | DESK, "closed": SIDES | DESK},
    # Proposed by the initiator: the need side has accepted, the offer side decides.
    "marketplace.respond_introduction": {"proposed": {"org_member"}, "accepted": set()},
    # Proposed by the initiator, accepted by org_member: those two took part; "contact" is the
    # team's chosen contact person; "team" is a teammate who took no part and sees no one.
    # Who accepted for a side (the initiator by proposing, org_member by accepting) chooses what to share.
    "marketplace.share_contact": {"proposed": {"initiator"}, "accepted": {"initiator", "org_member"}, "closed": set()},
    "marketplace.view_contacts": {
        "proposed": set(),
        "accepted": {"initiator", "org_member", "contact"},
        "closed": {"initiator", "org_member", "contact"},
    },
    "marketplace.record_outcome": {"proposed": set(), "accepted": SIDES | DESK, "closed": set()},
    "marketplace.mark_need_met": {"proposed": set(), "accepted": NEED_SIDE, "closed": set()},
    "marketplace.view_insights": {"lindeveen": DESK},
    "marketplace.subscribe_digest": {"lindeveen": LOGGED_IN},
}


@pytest.fixture
def contact_person(cast):
    """A team member the team chose as its contact person (TeamMember role "contact")."""
    from samenspel.core.tests.factories import MembershipFactory, UserFactory
    from samenspel.initiatives.models import TeamMember
    from samenspel.municipalities.models import Role

    person = UserFactory(display_name="Sanne Contact")
    MembershipFactory(user=person, municipality=cast.municipality, role=Role.RESIDENT)
    TeamMember.objects.create(
        initiative=cast.initiative,
        user=person,
        email=person.email,
        role=TeamMember.Role.CONTACT,
        accepted_at=cast.initiative.submitted_at,
    )
    return person


@pytest.fixture
def cast_people(cast, people, contact_person):
    return {
        **{role: people[role] for role in ("anonymous", "resident", "moderator", "coach", "admin", "outsider")},
        "initiator": cast.initiator,
        "team": cast.team_member,
        "org_member": cast.org_member,
        "other_org_member": cast.other_org_member,
        "contact": contact_person,
    }


@pytest.fixture
def subjects(cast, cast_people):
    """Each state's object, built through the services as the pages would."""
    person_offer = services.listing_publish(
        listing_type=ListingType.OFFER,
        municipality=cast.municipality,
        user=cast_people["resident"],
        category=Category.KNOWLEDGE,
        title="Ik help met subsidieaanvragen",
        description="Twintig jaar ervaring.",
    )
    met_need = services.listing_publish(
        listing_type=ListingType.NEED,
        municipality=cast.municipality,
        user=cast.initiator,
        initiative=cast.initiative,
        category=Category.SPACE,
        title="Opslag voor de pannen",
        description="Een droge kast.",
    )
    services.listing_status_set(listing=met_need, user=cast.initiator, status=ListingStatus.MET)

    def introduction(state):
        intro = services.introduction_propose(need=cast.need, offer=cast.offer, user=cast.initiator)
        if state in ("accepted", "closed"):
            intro = services.introduction_respond(introduction=intro, user=cast.org_member, accept=True)
        if state == "closed":
            intro = services.introduction_outcome_record(
                introduction=intro, user=cast.org_member, outcome=Outcome.NOT_AGREED
            )
        return intro

    built = {
        "lindeveen": cast.municipality,
        "woonstichting": cast.organisation,
        "person_offer": person_offer,
        "organisation_offer": cast.offer,
        "initiative_need": cast.need,
        "open_pair": Pair(cast.need, cast.offer),
        "need_met": Pair(met_need, cast.offer),
    }
    return built, introduction


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_matrix(cast_people, subjects, permission):
    built, introduction = subjects
    objects = {}

    def subject(state):
        if state not in objects:
            # One introduction per pair may run at a time: each state gets a fresh one.
            if state in ("proposed", "accepted", "closed"):
                # The previous state's cells are checked; the next one needs the pair free again.
                Introduction.objects.all().delete()
                objects[state] = introduction(state)
            else:
                objects[state] = built[state]
        return objects[state]

    wrong = mismatches(
        permission,
        MATRIX[permission],
        ROLES,
        user=lambda role, state: cast_people[role] or AnonymousUser(),
        subject=subject,
    )
    assert wrong == {}
