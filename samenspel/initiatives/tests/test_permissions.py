"""Who may do what with an initiative, role x state; forbidden actions change nothing.

States: a public initiative that is running, a public one that has stopped (frozen as a
record), and a hidden one. "invited" has an open invitation, not yet a place in the team.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from samenspel.core.tests.factories import MembershipFactory, UserFactory
from samenspel.core.tests.matrix import mismatches
from samenspel.marketplace.models import Need

from ..models import Status, Update
from .factories import InitiativeFactory, NeedFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "team", "initiator", "invited", "coach", "moderator", "admin", "partner", "outsider"]
TEAM = {"team", "initiator"}
STAFF = {"coach", "moderator", "admin"}
LOGGED_IN = set(ROLES) - {"anonymous"}
STATES = ("running", "stopped", "hidden")


def _team_while_running(roles=TEAM) -> dict:
    # A stopped initiative is frozen; a hidden one is still its team's to run.
    return {"running": roles, "stopped": set(), "hidden": roles}


MATRIX = {
    "initiatives.create_initiative": {"lindeveen": LOGGED_IN - {"outsider"}},
    "initiatives.view_initiative": {"running": set(ROLES), "stopped": set(ROLES), "hidden": TEAM | STAFF},
    "initiatives.change_initiative": _team_while_running(),
    "initiatives.post_update": _team_while_running(),
    "initiatives.manage_listings": _team_while_running(),
    "initiatives.manage_team": _team_while_running(),
    "initiatives.support": {"running": LOGGED_IN, "stopped": set(), "hidden": set()},
    "initiatives.follow": {"running": LOGGED_IN, "stopped": LOGGED_IN, "hidden": TEAM | STAFF},
    # The token in the mail admits; any account may take up an open invitation.
    "initiatives.accept_invitation": {"invitation": LOGGED_IN},
}


@pytest.fixture
def matrix_world(people, municipality):
    """An initiative per state with its initiator, a team member and an open invitation."""
    initiatives, cast = {}, {}
    for state in STATES:
        initiator = UserFactory()
        initiative = InitiativeFactory(
            municipality=municipality,
            initiator=initiator,
            status=Status.STOPPED if state == "stopped" else Status.COACHED,
            is_hidden=state == "hidden",
        )
        team = TeamMemberFactory(initiative=initiative).user
        invited = UserFactory()
        invitation = TeamMemberFactory(
            initiative=initiative, user=None, email=invited.email, accepted_at=None, token=f"open-{state}"
        )
        for user in (initiator, team, invited):
            MembershipFactory(user=user, municipality=municipality)
        initiatives[state] = initiative
        cast[state] = {**people, "initiator": initiator, "team": team, "invited": invited}
    initiatives["lindeveen"], cast["lindeveen"] = municipality, cast["running"]
    initiatives["invitation"], cast["invitation"] = invitation, cast["hidden"]
    return initiatives, cast


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_matrix(matrix_world, permission):
    subjects, cast = matrix_world
    wrong = mismatches(
        permission,
        MATRIX[permission],
        ROLES,
        user=lambda role, state: cast[state][role] or AnonymousUser(),
        subject=lambda state: subjects[state],
    )
    assert wrong == {}


# --- Over HTTP: forbidden requests answer 403/404 and change nothing ----------------------

HTTP_ROLES = [role for role in ROLES if role != "invited"]


@pytest.fixture
def actor(people, initiative):
    """The person for a role name; "team" is an accepted team member, "initiator" started it."""

    def get(role):
        if role == "team":
            return TeamMemberFactory(initiative=initiative).user
        if role == "initiator":
            return initiative.initiator
        return people[role]

    return get


def _url(initiative, name, **kwargs):
    return reverse(f"initiatives:{name}", kwargs={"municipality": "lindeveen", "slug": initiative.slug, **kwargs})


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.COACHED, Status.REALISED, Status.STOPPED])
@pytest.mark.parametrize("role", HTTP_ROLES)
def test_edit_post_updates_and_manage_needs(client_for, actor, initiative, role, status):
    initiative.status = status
    initiative.save()
    user = actor(role)
    allowed = role in TEAM and status != Status.STOPPED
    for perm in ("change_initiative", "post_update", "manage_listings", "manage_team"):
        assert (user is not None and user.has_perm(f"initiatives.{perm}", initiative)) is allowed, perm

    client = client_for(user)
    response = client.post(_url(initiative, "update_new"), {"title": "Nieuws", "body": "Het gaat goed."})
    assert Update.objects.count() == (1 if allowed else 0)
    if not allowed:
        assert response.status_code in (302, 403) if user is None else response.status_code == 403
    response = client.post(
        _url(initiative, "need_new"), {"category": "volunteers", "title": "Helpers", "description": "Zaterdag."}
    )
    assert Need.objects.count() == (1 if allowed else 0)
    response = client.get(_url(initiative, "edit"))
    refused = 302 if user is None else 403  # anonymous: to log-in first (core.login_required)
    assert response.status_code == (200 if allowed else refused)


@pytest.mark.parametrize("role", HTTP_ROLES)
def test_changing_a_need_status(client_for, actor, initiative, role):
    need = NeedFactory(initiative=initiative)
    user = actor(role)
    response = client_for(user).post(_url(initiative, "need_status", pk=need.pk), {"status": "met"})
    need.refresh_from_db()
    if role in TEAM:
        assert need.status == "met"
    else:
        assert need.status == "open"
        assert response.status_code == 403


@pytest.mark.parametrize("role", HTTP_ROLES)
def test_hidden_initiative_is_visible_only_to_team_and_staff(client_for, actor, initiative, role):
    initiative.is_hidden = True
    initiative.save()
    user = actor(role)
    response = client_for(user).get(initiative.get_absolute_url())
    visible = role in TEAM | {"coach", "moderator", "admin"}
    assert response.status_code == (200 if visible else 404)


@pytest.mark.parametrize("role", ["resident", "coach", "partner", "outsider"])
def test_only_residents_of_the_municipality_start_initiatives(client_for, people, role):
    response = client_for(people[role]).get(reverse("initiatives:new", kwargs={"municipality": "lindeveen"}))
    assert response.status_code == (403 if role == "outsider" else 200)


def test_anonymous_is_sent_to_log_in_to_start(client, municipality):
    response = client.get(reverse("initiatives:new", kwargs={"municipality": "lindeveen"}))
    assert response.status_code == 302 and "/account/login/" in response["Location"]
