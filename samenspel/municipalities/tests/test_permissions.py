"""Role x municipality matrix for the municipality-wide permissions.

A role counts in its own municipality only: the outsider is coach and admin of Heideborg,
and nothing of the kind in Lindeveen.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from samenspel.audit.models import AuditEvent
from samenspel.core.tests.matrix import mismatches
from samenspel.municipalities.models import Membership, Role

ROLES = ["anonymous", "resident", "coach", "moderator", "admin", "partner", "outsider"]
# The outsider holds resident, coach and admin in Heideborg (see the `people` fixture).
MATRIX = {
    "municipalities.manage_roles": {"lindeveen": {"admin"}, "heideborg": {"outsider"}},
    "municipalities.view_coach_desk": {"lindeveen": {"coach", "admin"}, "heideborg": {"outsider"}},
    "municipalities.moderate": {"lindeveen": {"moderator", "admin"}, "heideborg": {"outsider"}},
    "municipalities.view_audit_trail": {"lindeveen": {"admin"}, "heideborg": {"outsider"}},
}


@pytest.mark.django_db
@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_matrix(people, municipality, other_municipality, permission):
    subjects = {"lindeveen": municipality, "heideborg": other_municipality}
    wrong = mismatches(
        permission,
        MATRIX[permission],
        ROLES,
        user=lambda role, state: people[role] or AnonymousUser(),
        subject=subjects.__getitem__,
    )
    assert wrong == {}


@pytest.mark.django_db
def test_roles_are_looked_up_once_per_request(people, municipality, django_assert_num_queries):
    coach = people["coach"]
    with django_assert_num_queries(1):
        for permission in MATRIX:
            coach.has_perm(permission, municipality)


# --- Over HTTP: a refused request answers 403 (404 for another municipality's role) and changes nothing.


def _snapshot():
    return sorted(Membership.objects.values_list("pk", "role")), AuditEvent.objects.count()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_revoking_a_role(people, client_for, municipality, role):
    coach_role = Membership.objects.get(user=people["coach"], municipality=municipality, role=Role.COACH)
    before = _snapshot()
    response = client_for(people[role]).post(
        reverse("municipalities:revoke_role", kwargs={"municipality": "lindeveen", "pk": coach_role.pk})
    )
    if role in MATRIX["municipalities.manage_roles"]["lindeveen"]:
        assert response.status_code == 302 and not Membership.objects.filter(pk=coach_role.pk).exists()
    else:
        assert response.status_code == 403 and _snapshot() == before


@pytest.mark.django_db
def test_another_municipalitys_role_is_not_found(people, client_for, municipality):
    coach_role = Membership.objects.get(user=people["coach"], municipality=municipality, role=Role.COACH)
    before = _snapshot()
    response = client_for(people["outsider"]).post(
        reverse("municipalities:revoke_role", kwargs={"municipality": "heideborg", "pk": coach_role.pk})
    )
    assert response.status_code == 404 and _snapshot() == before
