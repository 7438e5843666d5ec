"""Role x state matrices for every conversations permission.

The cast (see conftest): the initiative "Buurtkeuken" (its initiator, a teammate and the
team's contact person), Mees who clicked "Ik doe mee", Woonstichting Lindeveen (org_member)
whose offer was introduced to the initiative's need (proposed by the initiator, accepted by
org_member), a member of another organisation, a plain resident, the desk (coach, admin), a
moderator and an outsider (staff of another municipality).
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from samenspel.core.tests.matrix import mismatches
from samenspel.initiatives.models import Support
from samenspel.initiatives.services import support_toggle
from samenspel.marketplace import services as market
from samenspel.marketplace.models import Outcome
from samenspel.marketplace.tests.factories import OfferFactory

from .. import selectors, services

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "resident",
    "initiator",
    "team",
    "contact",
    "joiner",
    "org_member",
    "other_org_member",
    "moderator",
    "coach",
    "admin",
    "outsider",
]
TEAM = {"initiator", "team", "contact"}
DESK = {"coach", "admin"}
# The parties of the introduction: who accepted for each side, and the team's contact person.
PARTIES = {"initiator", "org_member", "contact"}

MATRIX = {
    # The page lists only one's own conversations, so anyone logged in may open it.
    "conversations.list_own": {"lindeveen": set(ROLES) - {"anonymous"}},
    "conversations.view": {
        "case": TEAM | DESK,
        "join": TEAM | {"joiner"},
        "join_left": TEAM | {"joiner"},
        "introduction_proposed": set(),
        "introduction_accepted": PARTIES,
        "introduction_closed": PARTIES,
    },
    "conversations.post": {
        "case": TEAM | DESK,
        "join": TEAM | {"joiner"},
        "join_left": set(),  # Mees no longer joins: the team cannot keep writing to him
        "introduction_proposed": set(),
        "introduction_accepted": PARTIES,
        "introduction_closed": set(),
    },
    # Any participant but the author; a hidden message is already handled.
    "conversations.report": {
        "case_message_by_initiator": {"team", "contact"} | DESK,
        "introduction_message_by_partner": {"initiator", "contact"},
        "hidden_message": set(),
    },
    # A moderator sees a message only once it was reported, and never joins a thread.
    "conversations.moderate": {"reported": {"moderator", "admin"}, "not_reported": set()},
}


@pytest.fixture
def cast_people(world, people):
    return {
        **{role: people[role] for role in ("anonymous", "resident", "moderator", "coach", "admin", "outsider")},
        "initiator": world.initiator,
        "team": world.team_member,
        "contact": world.contact_person,
        "joiner": world.joiner,
        "org_member": world.org_member,
        "other_org_member": world.cast.other_org_member,
    }


def _build(state, world, people):
    initiative = world.initiative
    if state == "lindeveen":
        return world.municipality
    if state == "case":
        return selectors.case_conversation(initiative=initiative)
    if state == "join":
        return selectors.join_conversation(initiative=initiative, joiner=world.joiner)
    if state == "join_left":
        conversation = selectors.join_conversation(initiative=initiative, joiner=world.joiner)
        services.message_post(conversation=conversation, author=world.joiner, body="Ik kom zaterdag helpen.")
        support_toggle(initiative=initiative, user=world.joiner, kind=Support.Kind.JOIN)  # off again
        return selectors.join_conversation(initiative=initiative, joiner=world.joiner)
    if state == "introduction_proposed":
        offer = OfferFactory(organisation=world.cast.organisation, municipality=world.municipality)
        intro = market.introduction_propose(need=world.cast.need, offer=offer, user=world.initiator)
        return selectors.introduction_conversation(introduction=intro)
    if state == "introduction_accepted":
        return selectors.introduction_conversation(introduction=world.introduction)
    if state == "introduction_closed":
        offer = OfferFactory(organisation=world.cast.organisation, municipality=world.municipality)
        intro = market.introduction_propose(need=world.cast.need, offer=offer, user=world.initiator)
        intro = market.introduction_respond(introduction=intro, user=world.org_member, accept=True)
        intro = market.introduction_outcome_record(introduction=intro, user=world.org_member, outcome=Outcome.AGREED)
        return selectors.introduction_conversation(introduction=intro)
    case = selectors.case_conversation(initiative=initiative)
    if state == "case_message_by_initiator":
        return services.message_post(conversation=case, author=world.initiator, body="Wanneer kunt u langskomen?")
    if state == "introduction_message_by_partner":
        conversation = selectors.introduction_conversation(introduction=world.introduction)
        return services.message_post(conversation=conversation, author=world.org_member, body="Welkom!")
    message = services.message_post(conversation=case, author=world.initiator, body="Iets ongepasts")
    if state in ("reported", "hidden_message"):
        services.message_report(message=message, reporter=people["coach"], reason="offensive")
    if state == "hidden_message":
        services.message_hide(message=message, moderator=people["moderator"], reason="Kwetsend")
        message.refresh_from_db()
    return message


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_matrix(world, people, cast_people, permission):
    built = {}

    def subject(state):
        if state not in built:
            built[state] = _build(state, world, people)
        return built[state]

    wrong = mismatches(
        permission,
        MATRIX[permission],
        ROLES,
        user=lambda role, state: cast_people[role] or AnonymousUser(),
        subject=subject,
    )
    assert wrong == {}
