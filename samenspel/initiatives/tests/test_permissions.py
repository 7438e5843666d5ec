"""Who may do what with an initiative, role x status; forbidden actions change nothing."""

import pytest
from django.urls import reverse

from samenspel.marketplace.models import Need

from ..models import Status, Update
from .factories import NeedFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "team", "initiator", "coach", "moderator", "admin", "partner", "outsider"]
TEAM = {"team", "initiator"}


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
@pytest.mark.parametrize("role", ROLES)
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
        _url(initiative, "need_new"), {"kind": "volunteers", "title": "Helpers", "description": "Zaterdag."}
    )
    assert Need.objects.count() == (1 if allowed else 0)
    response = client.get(_url(initiative, "edit"))
    assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize("role", ROLES)
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


@pytest.mark.parametrize("role", ROLES)
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
