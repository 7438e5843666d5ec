"""Permissions as a role x phase matrix."""

import pytest

from .factories import set_phase

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "partner", "coach", "moderator", "admin", "outsider"]
PHASES = ["voorbereiding", "stellingen", "concept", "afgerond"]

EXPECTED = {
    # perm: (roles allowed, phases allowed or None for every phase)
    "vision.vote": (set(ROLES), {"stellingen"}),
    "vision.submit_statement": ({"resident", "partner", "coach", "moderator", "admin"}, {"stellingen"}),
    "vision.moderate": ({"moderator", "admin"}, None),
    "vision.manage": ({"admin"}, None),
}


def _user(people, role):
    from django.contrib.auth.models import AnonymousUser

    return people[role] or AnonymousUser()


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_permission_matrix(process, people, perm, role, phase):
    set_phase(process, phase)
    roles, phases = EXPECTED[perm]
    expected = role in roles and (phases is None or phase in phases)
    assert _user(people, role).has_perm(perm, process) is expected


@pytest.mark.parametrize("role", ROLES)
def test_assess_needs_coach_or_admin_of_that_municipality(people, municipality, role):
    assert _user(people, role).has_perm("vision.assess", municipality) is (role in {"coach", "admin"})


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 403), ("resident", 403), ("moderator", 200), ("admin", 200), ("outsider", 403)],
)
def test_moderation_page_per_role(process, people, client_for, role, status):
    assert client_for(people[role]).get(f"/lindeveen/toekomstvisie/{process.slug}/moderatie/").status_code == status


@pytest.mark.parametrize(("role", "status"), [("resident", 403), ("coach", 403), ("admin", 200), ("outsider", 403)])
def test_manage_page_per_role(process, people, client_for, role, status):
    assert client_for(people[role]).get(f"/lindeveen/toekomstvisie/{process.slug}/beheer/").status_code == status


def test_a_process_of_another_municipality_is_not_found(client, other_municipality):
    from .factories import VisionProcessFactory

    VisionProcessFactory(municipality=other_municipality, slug="heideborg-2035")
    assert client.get("/lindeveen/toekomstvisie/heideborg-2035/").status_code == 404
