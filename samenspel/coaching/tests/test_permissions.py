"""Role x status matrices: only the municipality's coaches and admins use the desk.

Forbidden requests answer 403 (or 404 for another municipality's objects) and change nothing.
"""

import datetime

import pytest
from django.urls import reverse

from samenspel.audit.models import AuditEvent
from samenspel.coaching.models import Agreement, CoachNote, Decision, ExperimentSpace, RuleObstacle
from samenspel.core.tests.factories import MembershipFactory
from samenspel.initiatives.models import Status

from .factories import InitiativeFactory, RuleObstacleFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "team", "partner", "moderator", "coach", "admin", "outsider"]
STAFF = {"coach", "admin"}
STATUSES = [Status.SUBMITTED, Status.COACHED, Status.REALISED]
NEXT = {Status.SUBMITTED: Status.IN_CONVERSATION, Status.COACHED: Status.REALISED, Status.REALISED: Status.SCALED_UP}


@pytest.fixture
def world(people, municipality):
    """An initiative per status, with a team member; and everyone by role."""

    def make(status):
        initiative = InitiativeFactory(municipality=municipality, status=status)
        team = TeamMemberFactory(initiative=initiative).user
        MembershipFactory(user=team, municipality=municipality)
        return initiative, {**people, "team": team}

    return make


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
        Agreement.objects.count(),
        RuleObstacle.objects.count(),
        ExperimentSpace.objects.count(),
        AuditEvent.objects.count(),
    )


def _future(days):
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


ACTIONS = {
    "assign": lambda i, people: (url("coaching:assign", i), {"coach": people["coach"].pk, "reason": ""}),
    "transition": lambda i, people: (
        url("coaching:transition", i),
        {"to_status": NEXT[i.status], "reason": "Volgende stap, besproken met het team."},
    ),
    "note": lambda i, people: (url("coaching:add_note", i), {"text": "Interne notitie"}),
    "agreement": lambda i, people: (
        url("coaching:add_agreement", i),
        {"party": "team", "description": "Begroting sturen", "due_date": _future(7), "is_public": "on"},
    ),
    "obstacle": lambda i, people: (
        url("coaching:add_obstacle", i),
        {"rule_title": "Evenementenvergunning", "rule_reference": "art. 2:25 APV Lindeveen", "blocks": "Buurtfeest"},
    ),
}


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("role", ROLES)
def test_view_desk(world, client_for, role, status):
    initiative, actors = world(status)
    client = client_for(actors[role])
    queue = client.get(reverse("coaching:queue", kwargs={"municipality": initiative.municipality.slug}))
    desk = client.get(url("coaching:initiative", initiative))
    expected = 200 if role in STAFF else 403
    assert (queue.status_code, desk.status_code) == (expected, expected)


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_desk_actions(world, client_for, role, action, status):
    initiative, actors = world(status)
    path, data = ACTIONS[action](initiative, actors)
    before = snapshot(initiative)
    response = client_for(actors[role]).post(path, data)
    if role in STAFF:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert snapshot(initiative) != before
    else:
        assert response.status_code == 403
        assert snapshot(initiative) == before


@pytest.mark.parametrize("role", ROLES)
def test_grant_experiment_space_is_for_admins(world, client_for, role):
    initiative, actors = world(Status.COACHED)
    obstacle = RuleObstacleFactory(initiative=initiative)
    before = snapshot(initiative)
    response = client_for(actors[role]).post(
        url("coaching:decide_obstacle", initiative, pk=obstacle.pk),
        {
            "outcome": "experiment",
            "reasoning": "Proef van twee jaar.",
            "scope": "Het veld achter de school",
            "start_date": _future(1),
            "end_date": _future(400),
            "evaluation_date": _future(430),
            "conditions": "Buren worden vooraf geïnformeerd.",
        },
    )
    obstacle.refresh_from_db()
    if role == "admin":
        assert response.status_code == 302 and obstacle.outcome == "experiment"
    else:
        assert response.status_code == 403
        assert obstacle.outcome == "open" and snapshot(initiative) == before


@pytest.mark.parametrize("role", ROLES)
def test_team_view_of_agreements(world, client_for, role):
    initiative, actors = world(Status.COACHED)
    response = client_for(actors[role]).get(url("coaching:team", initiative))
    assert response.status_code == (200 if role in STAFF | {"team"} else 403)


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
