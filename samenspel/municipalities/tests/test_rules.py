"""Role x action matrix for the municipality-wide permissions."""

import pytest

ACTIONS = {
    "municipalities.manage_roles": {"admin"},
    "municipalities.view_coach_desk": {"coach", "admin"},
    "municipalities.moderate": {"moderator", "admin"},
    "municipalities.view_audit_trail": {"admin"},
}
ROLES = ["anonymous", "resident", "coach", "moderator", "admin", "partner", "outsider"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", list(ACTIONS))
def test_role_may_act_in_its_own_municipality_only(people, municipality, role, permission):
    from django.contrib.auth.models import AnonymousUser

    user = people[role] or AnonymousUser()
    assert user.has_perm(permission, municipality) is (role in ACTIONS[permission])


@pytest.mark.django_db
def test_roles_are_looked_up_once_per_request(people, municipality, django_assert_num_queries):
    coach = people["coach"]
    with django_assert_num_queries(1):
        for permission in ACTIONS:
            coach.has_perm(permission, municipality)
