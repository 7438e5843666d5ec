"""Role x status matrices: only the municipality's coaches and admins use the desk.

The team (accepted places, the initiator's included) sees its agreements; someone invited
who has not accepted is not the team yet. Forbidden requests answer 403 (or 404 for
another municipality's objects) and change nothing.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from samenspel.audit.models import AuditEvent
from samenspel.coaching.models import Agreement, CoachNote, Decision, ExperimentSpace, RuleObstacle
from samenspel.core.tests.factories import MembershipFactory, UserFactory
from samenspel.core.tests.matrix import mismatches
from samenspel.initiatives.models import Status

from .factories import AgreementFactory, InitiativeFactory, RuleObstacleFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db

# initiator and team: accepted places in the initiative's team; invited: an open invitation.
ROLES = [
    "anonymous",
    "resident",
    "initiator",
    "team",
    "invited",
    "partner",
    "moderator",
    "coach",
    "admin",
    "outsider",
]
STAFF = {"coach", "admin"}
STATUSES = [Status.SUBMITTED, Status.COACHED, Status.REALISED]
NEXT = {Status.SUBMITTED: Status.IN_CONVERSATION, Status.COACHED: Status.REALISED, Status.REALISED: Status.SCALED_UP}


def _every_status(roles: set[str]) -> dict:
    return dict.fromkeys(STATUSES, roles)


MATRIX = {
    "coaching.view_desk": _every_status(STAFF),
    "coaching.assign_coach": _every_status(STAFF),
    "coaching.change_status": _every_status(STAFF),
    "coaching.add_note": _every_status(STAFF),
    "coaching.add_agreement": _every_status(STAFF),
    "coaching.change_agreement": _every_status(STAFF),
    "coaching.record_obstacle": _every_status(STAFF),
    # Deciding a rule obstacle is the municipality's decision: its administrators only.
    "coaching.decide_obstacle": _every_status({"admin"}),
    "coaching.view_agreements": _every_status(STAFF | {"initiator", "team"}),
}


@pytest.fixture
def world(people, municipality):
    """An initiative per status, with its initiator, a team member and an open invitation."""

    def make(status):
        initiator = UserFactory()
        initiative = InitiativeFactory(municipality=municipality, status=status, initiator=initiator)
        team = TeamMemberFactory(initiative=initiative).user
        invited = UserFactory()
        TeamMemberFactory(initiative=initiative, user=None, email=invited.email, accepted_at=None, token="open")
        for user in (initiator, team, invited):
            MembershipFactory(user=user, municipality=municipality)
        return initiative, {**people, "initiator": initiator, "team": team, "invited": invited}

    return make


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_matrix(world, permission):
    worlds = {status: world(status) for status in STATUSES}
    wrong = mismatches(
        permission,
        MATRIX[permission],
        ROLES,
        user=lambda role, status: worlds[status][1][role] or AnonymousUser(),
        subject=lambda status: worlds[status][0],
    )
    assert wrong == {}


def test_an_invitation_linked_to_an_account_but_not_accepted_is_not_the_team(world):
    initiative, _ = world(Status.COACHED)
    pending = TeamMemberFactory(initiative=initiative, accepted_at=None)
    assert not pending.user.has_perm("coaching.view_agreements", initiative)


# --- Over HTTP: the same matrix, and a refusal changes nothing ----------------------


def url(name, initiative, **kw):
    return reverse(name, kwargs={"municipality": initiative.municipality.slug, "slug": initiative.slug, **kw})


def snapshot(initiative):
    initiative.refresh_from_db()
    return (
        initiative.status,
        initiative.coach_id,
        initiative.first_response_at,
        Decision.objects.count(),
        CoachNote.objects.count(),
        sorted(Agreement.objects.values_list("pk", "status")),
        sorted(RuleObstacle.objects.values_list("pk", "outcome")),
        ExperimentSpace.objects.count(),
        AuditEvent.objects.count(),
    )


def _future(days):
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


# action -> (permission, request): each request is built before the snapshot.
ACTIONS = {
    "assign": (
        "coaching.assign_coach",
        lambda i, people: (url("coaching:assign", i), {"coach": people["coach"].pk, "reason": ""}),
    ),
    "transition": (
        "coaching.change_status",
        lambda i, people: (
            url("coaching:transition", i),
            {"to_status": NEXT[i.status], "reason": "Volgende stap, besproken met het team."},
        ),
    ),
    "note": ("coaching.add_note", lambda i, people: (url("coaching:add_note", i), {"text": "Interne notitie"})),
    "agreement": (
        "coaching.add_agreement",
        lambda i, people: (
            url("coaching:add_agreement", i),
            {"party": "team", "description": "Begroting sturen", "due_date": _future(7), "is_public": "on"},
        ),
    ),
    "agreement_status": (
        "coaching.change_agreement",
        lambda i, people: (
            url("coaching:agreement_status", i, pk=AgreementFactory(initiative=i).pk),
            {"status": Agreement.Status.DONE},
        ),
    ),
    "obstacle": (
        "coaching.record_obstacle",
        lambda i, people: (
            url("coaching:add_obstacle", i),
            {
                "rule_title": "Evenementenvergunning",
                "rule_reference": "art. 2:25 APV Lindeveen",
                "blocks": "Buurtfeest",
            },
        ),
    ),
    "decide_obstacle": (
        "coaching.decide_obstacle",
        lambda i, people: (
            url("coaching:decide_obstacle", i, pk=RuleObstacleFactory(initiative=i).pk),
            {
                "outcome": "experiment",
                "reasoning": "Proef van twee jaar.",
                "scope": "Het veld achter de school",
                "start_date": _future(1),
                "end_date": _future(400),
                "evaluation_date": _future(430),
                "conditions": "Buren worden vooraf geïnformeerd.",
            },
        ),
    ),
}


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("role", ROLES)
def test_view_desk(world, client_for, role, status):
    initiative, actors = world(status)
    client = client_for(actors[role])
    queue = client.get(reverse("coaching:queue", kwargs={"municipality": initiative.municipality.slug}))
    desk = client.get(url("coaching:initiative", initiative))
    # Refused: 403, but an anonymous visitor is sent to log in first (core.login_required).
    expected = 200 if role in MATRIX["coaching.view_desk"][status] else 302 if role == "anonymous" else 403
    assert (queue.status_code, desk.status_code) == (expected, expected)


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_desk_actions(world, client_for, role, action, status):
    initiative, actors = world(status)
    permission, build = ACTIONS[action]
    path, data = build(initiative, actors)
    before = snapshot(initiative)
    response = client_for(actors[role]).post(path, data)
    if role in MATRIX[permission][status]:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert snapshot(initiative) != before
    else:
        assert response.status_code == 403
        assert snapshot(initiative) == before


@pytest.mark.parametrize("role", ROLES)
def test_team_view_of_agreements(world, client_for, role):
    initiative, actors = world(Status.COACHED)
    response = client_for(actors[role]).get(url("coaching:team", initiative))
    refused = 302 if role == "anonymous" else 403  # anonymous: to log-in first (core.login_required)
    assert response.status_code == (200 if role in MATRIX["coaching.view_agreements"][Status.COACHED] else refused)


def test_initiator_sees_the_team_view(client_for, initiative, resident):
    assert client_for(resident).get(url("coaching:team", initiative)).status_code == 200


def test_another_municipalitys_initiative_is_not_found(client_for, people, initiative, other_municipality):
    """The Heideborg coach, even on their own municipality's desk, cannot reach a Lindeveen initiative."""
    client = client_for(people["outsider"])
    path = reverse("coaching:initiative", kwargs={"municipality": "heideborg", "slug": initiative.slug})
    assert client.get(path).status_code == 404
    post = reverse("coaching:assign", kwargs={"municipality": "heideborg", "slug": initiative.slug})
    before = snapshot(initiative)
    assert client.post(post, {"coach": people["outsider"].pk}).status_code == 404
    assert snapshot(initiative) == before
