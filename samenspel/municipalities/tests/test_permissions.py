"""Role x municipality matrix for the municipality-wide permissions.

A role counts in its own municipality only: the outsider is coach and admin of Heideborg,
and nothing of the kind in Lindeveen.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from samenspel.core.tests.matrix import mismatches

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
