"""Role x state matrices of the partner organisations.

Registering an organisation is for residents of the municipality it will belong to (a
Heideborg resident cannot register a partner of Lindeveen); the organisation's admin decides
who joins; approved members see each other. Forbidden requests answer 403 and change nothing.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from samenspel.audit.models import AuditEvent
from samenspel.core.tests.factories import MembershipFactory, OrganisationMembershipFactory, UserFactory
from samenspel.core.tests.matrix import mismatches
from samenspel.organisations.models import Organisation, OrganisationMembership

pytestmark = pytest.mark.django_db

# partner: the organisation's admin; member: an approved member; applicant: asked to join, undecided.
ROLES = ["anonymous", "resident", "applicant", "member", "partner", "coach", "moderator", "admin", "outsider"]
LINDEVEEN = {"resident", "applicant", "member", "partner", "coach", "moderator", "admin"}
NOT_MEMBERS = ROLES[1:3] + ["coach", "moderator", "admin", "outsider"]

MATRIX = {
    # State: the municipality the organisation would belong to.
    "organisations.create_organisation": {"lindeveen": LINDEVEEN, "heideborg": {"outsider"}},
    # State: the organisation (one, of Lindeveen); membership is the role.
    "organisations.view_members": {"organisation": {"member", "partner"}},
    "organisations.approve_member": {"organisation": {"partner"}},
    "organisations.request_membership": {"organisation": set(NOT_MEMBERS)},
}


@pytest.fixture
def organisation(partner_member):
    return partner_member.organisations.get()


@pytest.fixture
def actors(people, municipality, organisation):
    def resident_with(status):
        user = UserFactory()
        MembershipFactory(user=user, municipality=municipality)
        OrganisationMembershipFactory(organisation=organisation, user=user, status=status)
        return user

    return {
        **people,
        "member": resident_with(OrganisationMembership.Status.APPROVED),
        "applicant": resident_with(OrganisationMembership.Status.REQUESTED),
    }


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_matrix(actors, municipality, other_municipality, organisation, permission):
    subjects = {"lindeveen": municipality, "heideborg": other_municipality, "organisation": organisation}
    wrong = mismatches(
        permission,
        MATRIX[permission],
        ROLES,
        user=lambda role, state: actors[role] or AnonymousUser(),
        subject=subjects.__getitem__,
    )
    assert wrong == {}


def _snapshot():
    return (
        Organisation.objects.count(),
        sorted(OrganisationMembership.objects.values_list("user_id", "status")),
        AuditEvent.objects.count(),
    )


NEW = {"name": "Buurtbus Lindeveen", "kind": Organisation.Kind.ASSOCIATION}


def test_a_heideborg_resident_cannot_register_an_organisation_in_lindeveen(client_for, people, municipality):
    client = client_for(people["outsider"])
    url = reverse("organisations:new", kwargs={"municipality": municipality.slug})
    before = _snapshot()
    assert client.get(url).status_code == 403
    assert client.post(url, NEW).status_code == 403
    assert _snapshot() == before


def test_the_heideborg_resident_registers_in_heideborg(client_for, people, other_municipality):
    response = client_for(people["outsider"]).post(
        reverse("organisations:new", kwargs={"municipality": other_municipality.slug}), NEW
    )
    organisation = Organisation.objects.get(name=NEW["name"])
    assert response.status_code == 302 and organisation.municipality == other_municipality


def test_registering_is_audited(client_for, resident, municipality):
    client_for(resident).post(reverse("organisations:new", kwargs={"municipality": municipality.slug}), NEW)
    event = AuditEvent.objects.get(action="organisation.created")
    assert (event.municipality, event.actor, event.target_repr) == (municipality, resident, NEW["name"])


def test_anonymous_is_sent_to_log_in(client, municipality):
    url = reverse("organisations:new", kwargs={"municipality": municipality.slug})
    response = client.get(url)
    assert response.status_code == 302 and "login" in response.url
    before = _snapshot()
    assert client.post(url, NEW).status_code == 302
    assert _snapshot() == before


def _url(name, organisation, **extra):
    return reverse(name, kwargs={"municipality": organisation.municipality.slug, "slug": organisation.slug, **extra})


@pytest.mark.parametrize("role", ROLES)
def test_forbidden_decisions_answer_403_and_change_nothing(actors, client_for, organisation, role):
    request = actors["applicant"].organisation_memberships.get()
    before = _snapshot()
    response = client_for(actors[role]).post(
        _url("organisations:decide", organisation, pk=request.pk), {"besluit": "goedkeuren"}
    )
    if role in MATRIX["organisations.approve_member"]["organisation"]:
        assert response.status_code == 302 and _snapshot() != before
    else:
        assert response.status_code == 403 and _snapshot() == before


@pytest.mark.parametrize("role", ["anonymous", "member", "partner"])
def test_members_and_anonymous_cannot_ask_to_join(actors, client_for, organisation, role):
    before = _snapshot()
    assert client_for(actors[role]).post(_url("organisations:join", organisation)).status_code == 403
    assert _snapshot() == before


def test_another_municipalitys_organisation_is_not_found(client_for, people, organisation):
    client = client_for(people["outsider"])
    path = reverse("organisations:join", kwargs={"municipality": "heideborg", "slug": organisation.slug})
    before = _snapshot()
    assert client.post(path).status_code == 404
    assert _snapshot() == before


def test_a_decided_request_is_not_decided_again(actors, client_for, organisation):
    member = actors["member"].organisation_memberships.get()
    response = client_for(actors["partner"]).post(
        _url("organisations:decide", organisation, pk=member.pk), {"besluit": "afwijzen"}, follow=True
    )
    member.refresh_from_db()
    assert member.status == OrganisationMembership.Status.APPROVED
    assert "Over deze aanvraag is al besloten." in response.content.decode()
